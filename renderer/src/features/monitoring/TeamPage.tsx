import type { ColumnDef } from '@tanstack/react-table';
import type { WijkteamDetail } from '../../../../shared/api/monitoring';
import { formatDateLong, t } from '../../../../shared/i18n';
import { formatValue, STATUS_SYMBOL, statusLabel, valueStatus } from '../../../../shared/monitoring/measures';
import { periodLabel } from '../../../../shared/monitoring/periods';
import { hrefFor } from '../../app/router';
import { useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { DataTable } from '../../ui/DataTable';
import { Heading, Paragraph } from '../../ui/Heading';

type LatestAssessment = WijkteamDetail['latest'][number];

const latestColumns: ColumnDef<LatestAssessment>[] = [
  {
    id: 'criterium',
    header: t('monitoring.criterion'),
    cell: ({ row: { original } }) => (
      <>
        {original.criterion.name}
        <span className="aw-matrix__measure">{original.frameworkName}</span>
      </>
    ),
  },
  { id: 'periode', header: t('monitoring.period'), cell: ({ row: { original } }) => periodLabel(original.assessment.periodKey) },
  {
    id: 'waarde',
    header: t('monitoring.value'),
    cell: ({ row: { original } }) => {
      const { criterion, assessment } = original;
      const status = valueStatus(criterion, assessment.value);
      return (
        <span className={`aw-cell aw-cell--${status} aw-cell--static`}>
          {STATUS_SYMBOL[status]} {formatValue(criterion.measureType, assessment.value)}
          {status !== 'neutral' ? ` (${statusLabel(status)})` : ''}
        </span>
      );
    },
  },
  { id: 'onderbouwing', header: t('monitoring.evidence'), cell: ({ row: { original } }) => original.assessment.evidence },
  {
    id: 'beoordeeld-door',
    header: t('monitoring.assessedBy'),
    cell: ({ row: { original } }) => (
      <>
        {original.assessment.assessedBy}, {formatDateLong(original.assessment.assessedOn)}
      </>
    ),
  },
];

export function TeamPage({ teamId }: { teamId: string }) {
  const query = useApiQuery('wijkteams.get', { id: teamId });
  const detail = query.data ?? null;
  const error = query.error ? query.error.message : null;

  if (error)
    return (
      <>
        <Heading level={1}>{t('monitoring.teamsTitle')}</Heading>
        <Alert kind="error">{error}</Alert>
      </>
    );
  if (!detail) return <Paragraph>{t('app.loading')}</Paragraph>;
  const { team, latest } = detail;
  return (
    <>
      <Heading level={1}>{t('monitoring.teamPage', { name: team.name })}</Heading>
      <p>
        <a href={hrefFor('/wijkteams/teams')}>{t('monitoring.backToTeams')}</a>
      </p>
      <section className="aw-card" aria-labelledby="team-samenstelling">
        <Heading level={2} id="team-samenstelling">
          {t('monitoring.composition')}
        </Heading>
        <dl className="aw-details">
          <dt>{t('monitoring.wijken')}</dt>
          <dd>{team.wijken.map((wijk) => wijk.name).join(', ') || '–'}</dd>
          <dt>{t('monitoring.organisations')}</dt>
          <dd>{team.organisations.join(', ') || '–'}</dd>
          <dt>{t('monitoring.disciplines')}</dt>
          <dd>
            {team.disciplines.length > 0 ? (
              <ul>
                {team.disciplines.map((discipline) => (
                  <li key={discipline}>{discipline}</li>
                ))}
              </ul>
            ) : (
              '–'
            )}
          </dd>
          <dt>{t('monitoring.contact')}</dt>
          <dd>{team.contact || '–'}</dd>
          <dt>{t('monitoring.activeFrom')}</dt>
          <dd>
            {team.activeFrom ? formatDateLong(team.activeFrom) : '–'}
            {team.activeTo ? ` – ${formatDateLong(team.activeTo)}` : ''}
          </dd>
        </dl>
      </section>
      <section className="aw-card" aria-labelledby="team-laatste">
        <Heading level={2} id="team-laatste">
          {t('monitoring.latestAssessments')}
        </Heading>
        {latest.length === 0 ? (
          <Paragraph>{t('monitoring.noAssessments')}</Paragraph>
        ) : (
          <DataTable
            caption={t('monitoring.latestAssessments')}
            sortable={false}
            rows={latest}
            getRowId={(row) => row.criterion.id}
            columns={latestColumns}
          />
        )}
      </section>
      <section className="aw-card" aria-labelledby="team-inbreng">
        <Heading level={2} id="team-inbreng">
          {t('monitoring.findingsFromWijk')}
        </Heading>
        {detail.findings.length === 0 ? (
          <Paragraph className="aw-muted">{t('monitoring.noFindings')}</Paragraph>
        ) : (
          <ul className="aw-finding-list">
            {detail.findings.map((finding) => (
              <li key={finding.id}>
                <strong>{formatDateLong(finding.date)}</strong>
                {finding.wijkName && ` (${finding.wijkName})`}
                {finding.meetingTitle && `, ${finding.meetingTitle}`}: {finding.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
