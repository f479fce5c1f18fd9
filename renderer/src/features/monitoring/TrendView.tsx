import { useEffect, useMemo, useState } from 'react';
import type { MethodInput } from '../../../../shared/api/contract';
import type { CriteriaFramework, Wijkteam } from '../../../../shared/api/monitoring';
import { t } from '../../../../shared/i18n';
import { formatValue } from '../../../../shared/monitoring/measures';
import { parsePeriodKey, periodLabel, PERIOD_KINDS, type PeriodKind } from '../../../../shared/monitoring/periods';
import type { TrendSummary } from '../../../../shared/monitoring/trend';
import type { Criterion } from '../../../../shared/api/monitoring';
import { useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { TrendChart } from './TrendChart';
import { describeChange, FrameworkSelect, LabelledSelect } from './shared';

type Mode = 'criterion' | 'team';
type Shown = { mode: 'criterion'; input: MethodInput<'monitoring.trend'> } | { mode: 'team'; input: MethodInput<'monitoring.teamTrend'> };

function summaryText(subject: string, criterion: Criterion, summary: TrendSummary, total: number): string {
  const overall =
    summary.overall && summary.first && summary.last
      ? t('monitoring.overallChange', {
          first: `${formatValue(criterion.measureType, summary.first.value)} (${periodLabel(summary.first.periodKey)})`,
          last: `${formatValue(criterion.measureType, summary.last.value)} (${periodLabel(summary.last.periodKey)})`,
          outcome: describeChange(criterion, summary.overall),
        })
      : t('monitoring.overallNone');
  return t('monitoring.summaryLine', { subject, assessed: summary.assessed, total, overall });
}

export function TrendView({ frameworks, teams }: { frameworks: CriteriaFramework[]; teams: Wijkteam[] }) {
  const [mode, setMode] = useState<Mode>('criterion');
  const [kind, setKind] = useState<PeriodKind>('quarter');
  const activeCriteria = useMemo(() => frameworks.flatMap((framework) => framework.criteria.filter((criterion) => criterion.retiredAt === null || criterion.assessmentCount > 0)), [frameworks]);
  const [criterionId, setCriterionId] = useState('');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [teamId, setTeamId] = useState('');
  const [frameworkId, setFrameworkId] = useState('');
  // What "Trend tonen" last asked for: the chart stays as it is while the choices above change.
  const [shown, setShown] = useState<Shown | null>(null);
  const knownPeriods = useApiQuery('monitoring.periods').data ?? [];
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const periodsOfKind = knownPeriods.filter((key) => parsePeriodKey(key)?.kind === kind);
  const range = { ...(from ? { from } : {}), ...(to ? { to } : {}) };

  useEffect(() => {
    if (!criterionId && activeCriteria[0]) setCriterionId(activeCriteria[0].id);
  }, [activeCriteria, criterionId]);
  useEffect(() => {
    if (teams.length > 0 && teamIds.length === 0) setTeamIds(teams.map((team) => team.id));
    if (teams.length > 0 && !teamId) setTeamId(teams[0]!.id);
  }, [teams, teamIds.length, teamId]);
  useEffect(() => {
    if (!frameworkId && frameworks[0]) setFrameworkId(frameworks.find((framework) => framework.builtinKey === 'avi')?.id ?? frameworks[0].id);
  }, [frameworks, frameworkId]);

  const criterionQuery = useApiQuery('monitoring.trend', shown?.mode === 'criterion' ? shown.input : { criterionId, wijkteamIds: teamIds, kind }, { enabled: shown?.mode === 'criterion' });
  const teamQuery = useApiQuery('monitoring.teamTrend', shown?.mode === 'team' ? shown.input : { wijkteamId: teamId, kind }, { enabled: shown?.mode === 'team' });
  const criterionTrend = shown?.mode === 'criterion' ? (criterionQuery.data ?? null) : null;
  const teamTrend = shown?.mode === 'team' ? (teamQuery.data ?? null) : null;
  const shownQuery = shown?.mode === 'criterion' ? criterionQuery : shown?.mode === 'team' ? teamQuery : null;
  const error = shownQuery?.isError ? shownQuery.error : null;

  const show = () => {
    const next: Shown =
      mode === 'criterion'
        ? { mode, input: { criterionId, wijkteamIds: teamIds, kind, ...range } }
        : { mode, input: { wijkteamId: teamId, frameworkId: frameworkId || null, kind, ...range } };
    // Asked again for the same trend: read it again (it may have been assessed since).
    if (shownQuery && JSON.stringify(next) === JSON.stringify(shown)) void shownQuery.refetch();
    else setShown(next);
  };

  if (teams.length === 0) return <Paragraph>{t('monitoring.noTeams')}</Paragraph>;
  return (
    <>
      <section className="aw-card" aria-labelledby="trend-keuze">
        <Heading level={2} id="trend-keuze">
          {t('monitoring.showTrend')}
        </Heading>
        <fieldset className="utrecht-form-fieldset aw-choice">
          <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('monitoring.trendTitle')}</legend>
          <div className="aw-choice__options">
            {(['criterion', 'team'] as const).map((option) => (
              <label key={option} className="aw-choice__option">
                <input type="radio" name="trend-soort" checked={mode === option} onChange={() => setMode(option)} />{' '}
                {option === 'criterion' ? t('monitoring.trendByCriterion') : t('monitoring.trendByTeam')}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="aw-field-row">
          <LabelledSelect
            id="trend-periodesoort"
            label={t('monitoring.periodKindLabel')}
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as PeriodKind);
              setFrom('');
              setTo('');
            }}
          >
            {PERIOD_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`monitoring.periodKind.${option}`)}
              </option>
            ))}
          </LabelledSelect>
          {(['from', 'to'] as const).map((end) => (
            <LabelledSelect
              key={end}
              id={`trend-${end}`}
              label={t(end === 'from' ? 'monitoring.from' : 'monitoring.to')}
              value={end === 'from' ? from : to}
              onChange={(event) => (end === 'from' ? setFrom : setTo)(event.target.value)}
            >
              <option value="">{t(end === 'from' ? 'monitoring.rangeFirst' : 'monitoring.rangeLast')}</option>
              {periodsOfKind.map((key) => (
                <option key={key} value={key}>
                  {periodLabel(key)}
                </option>
              ))}
            </LabelledSelect>
          ))}
          {mode === 'criterion' ? (
            <LabelledSelect id="trend-criterium" label={t('monitoring.chooseCriterion')} value={criterionId} onChange={(event) => setCriterionId(event.target.value)}>
              {frameworks.map((framework) => (
                <optgroup key={framework.id} label={framework.name}>
                  {framework.criteria
                    .filter((criterion) => criterion.retiredAt === null || criterion.assessmentCount > 0)
                    .map((criterion) => (
                      <option key={criterion.id} value={criterion.id}>
                        {criterion.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </LabelledSelect>
          ) : (
            <>
              <LabelledSelect id="trend-team" label={t('monitoring.chooseOneTeam')} value={teamId} onChange={(event) => setTeamId(event.target.value)}>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </LabelledSelect>
              <FrameworkSelect id="trend-kader" frameworks={frameworks} value={frameworkId} onChange={setFrameworkId} />
            </>
          )}
        </div>
        {mode === 'criterion' && (
          <fieldset className="utrecht-form-fieldset aw-choice">
            <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('monitoring.chooseTeams')}</legend>
            <div className="aw-choice__options">
              {teams.map((team) => (
                <label key={team.id} className="aw-choice__option">
                  <input
                    type="checkbox"
                    checked={teamIds.includes(team.id)}
                    onChange={(event) => setTeamIds((ids) => (event.target.checked ? [...ids, team.id] : ids.filter((id) => id !== team.id)))}
                  />{' '}
                  {team.name}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="aw-button-row">
          <Button appearance="primary" onClick={show}>
            {t('monitoring.showTrend')}
          </Button>
        </div>
        {error && <Alert kind="error">{error.message}</Alert>}
      </section>

      {criterionTrend && (
        <section className="aw-card" aria-labelledby="trend-resultaat">
          <Heading level={2} id="trend-resultaat">
            {criterionTrend.criterion.name}
          </Heading>
          {criterionTrend.periods.length === 0 ? (
            <Paragraph>{t('monitoring.noTrendData')}</Paragraph>
          ) : (
            <>
              <ul className="aw-trend__summary">
                {criterionTrend.series.map((item) => (
                  <li key={item.subject.id}>{summaryText(item.subject.name, criterionTrend.criterion, item.summary, criterionTrend.periods.length)}</li>
                ))}
              </ul>
              <TrendChart
                id="trend-criterium-grafiek"
                title={criterionTrend.criterion.name}
                criterion={criterionTrend.criterion}
                periods={criterionTrend.periods}
                series={criterionTrend.series.map((item) => ({ id: item.subject.id, name: item.subject.name, points: item.points }))}
              />
            </>
          )}
        </section>
      )}

      {teamTrend && (
        <section className="aw-card" aria-labelledby="trend-resultaat">
          <Heading level={2} id="trend-resultaat">
            {teamTrend.team.name}
          </Heading>
          {teamTrend.periods.length === 0 ? (
            <Paragraph>{t('monitoring.noTrendData')}</Paragraph>
          ) : (
            <>
              <ul className="aw-trend__summary">
                {teamTrend.series.map((item) => (
                  <li key={item.subject.id}>{summaryText(item.subject.name, item.subject, item.summary, teamTrend.periods.length)}</li>
                ))}
              </ul>
              {teamTrend.series
                .filter((item) => item.summary.assessed > 0)
                .map((item, index) => (
                  <section key={item.subject.id} aria-labelledby={`team-trend-${index}-kop`}>
                    <Heading level={3} id={`team-trend-${index}-kop`}>
                      {item.subject.name}
                    </Heading>
                    <TrendChart
                      id={`team-trend-${index}`}
                      title={`${teamTrend.team.name}: ${item.subject.name}`}
                      criterion={item.subject}
                      periods={teamTrend.periods}
                      series={[{ id: teamTrend.team.id, name: teamTrend.team.name, points: item.points }]}
                    />
                  </section>
                ))}
            </>
          )}
        </section>
      )}
    </>
  );
}
