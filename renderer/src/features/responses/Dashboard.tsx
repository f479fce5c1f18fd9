import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AdviceSummary } from '../../../../shared/api/advices';
import { POSITIONS, type DashboardFigures, type Position } from '../../../../shared/api/responses';
import { formatDateShort, t } from '../../../../shared/i18n';
import { api } from '../../api';
import { hrefFor } from '../../app/router';
import { Heading, Paragraph } from '../../ui/Heading';
import { Exports } from './Exports';

/** Grey-scale readable: each position has its own pattern and grey, not colour alone. */
const PATTERN: Record<Position, { fill: string; ink: string; kind: 'solid' | 'diagonal' | 'dots' | 'cross' | 'none' }> = {
  overgenomen: { fill: '#1b4f72', ink: '#1b4f72', kind: 'solid' },
  deels_overgenomen: { fill: '#ffffff', ink: '#1b4f72', kind: 'diagonal' },
  niet_overgenomen: { fill: '#ffffff', ink: '#222222', kind: 'cross' },
  wordt_onderzocht: { fill: '#ffffff', ink: '#444444', kind: 'dots' },
  geen_standpunt: { fill: '#d9d9d9', ink: '#d9d9d9', kind: 'none' },
};

function PatternDefs() {
  return (
    <defs>
      {POSITIONS.map((position) => {
        const { fill, ink, kind } = PATTERN[position];
        return (
          <pattern key={position} id={`patroon-${position}`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={fill} stroke={ink} strokeWidth={kind === 'solid' ? 0 : 0.5} />
            {kind === 'diagonal' && <path d="M0,8 L8,0" stroke={ink} strokeWidth="2" />}
            {kind === 'cross' && <path d="M0,0 L8,8 M8,0 L0,8" stroke={ink} strokeWidth="1.5" />}
            {kind === 'dots' && <circle cx="4" cy="4" r="1.8" fill={ink} />}
          </pattern>
        );
      })}
    </defs>
  );
}

function percent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

export function Dashboard({ title }: { title: string }) {
  const [figures, setFigures] = useState<DashboardFigures | null>(null);
  const [sent, setSent] = useState<AdviceSummary[]>([]);
  useEffect(() => {
    void api.call('dashboard.get').then(setFigures);
    void api.call('advices.list', { status: 'verzonden', includeArchived: true }).then(setSent);
  }, []);
  if (!figures) return <Heading level={1}>{title}</Heading>;

  const years = figures.positionsPerYear.filter((year) => year.total > 0);
  const shareData = years.map((year) => ({
    jaar: String(year.year),
    ...Object.fromEntries(POSITIONS.map((position) => [position, Math.round((year.counts[position] / year.total) * 100)])),
  }));
  const trendData = years.map((year) => ({ jaar: String(year.year), overname: Math.round((year.adoption ?? 0) * 100) }));
  const allCommitments = [...figures.commitmentsOverdue, ...figures.commitmentsDueSoon];

  return (
    <>
      <Heading level={1}>{t('responsesUi.dashboardTitle')}</Heading>
      <Paragraph>{t('responsesUi.dashboardIntro')}</Paragraph>
      <div className="aw-figures">
        <section className="aw-figure" aria-labelledby="wachtend">
          <Heading level={2} id="wachtend">
            {t('responsesUi.awaitingTitle')}
          </Heading>
          {figures.awaiting.length === 0 ? (
            <Paragraph>{t('responsesUi.awaitingNone')}</Paragraph>
          ) : (
            <table className="aw-table">
              <thead>
                <tr>
                  <th scope="col">{t('responsesUi.kenmerk')}</th>
                  <th scope="col">{t('responsesUi.betreft')}</th>
                  <th scope="col">{t('responsesUi.sentOn')}</th>
                  <th scope="col">{t('responsesUi.dueOn')}</th>
                  <th scope="col">{t('responsesUi.overdueDays')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.awaiting.map((advice) => (
                  <tr key={advice.adviceId}>
                    <td>
                      <a className="utrecht-link" href={hrefFor(`/reacties/${advice.adviceId}`)}>
                        {advice.kenmerk}
                      </a>
                    </td>
                    <td>{advice.betreft}</td>
                    <td>{formatDateShort(advice.sentOn)}</td>
                    <td>{formatDateShort(advice.dueOn)}</td>
                    <td>
                      {advice.daysOverdue > 0 ? (
                        <span className="aw-late">{t('responses.due.te_laat', { days: advice.daysOverdue })}</span>
                      ) : (
                        '–'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="aw-figure" aria-labelledby="toezeggingen">
          <Heading level={2} id="toezeggingen">
            {t('responsesUi.commitmentsTitle')}
          </Heading>
          {allCommitments.length === 0 ? (
            <Paragraph>{t('responsesUi.commitmentsNone')}</Paragraph>
          ) : (
            <table className="aw-table">
              <thead>
                <tr>
                  <th scope="col">{t('responsesUi.commitment')}</th>
                  <th scope="col">{t('responsesUi.kenmerk')}</th>
                  <th scope="col">{t('responsesUi.owner')}</th>
                  <th scope="col">{t('responsesUi.commitmentDue')}</th>
                  <th scope="col">{t('responsesUi.status')}</th>
                </tr>
              </thead>
              <tbody>
                {allCommitments.map((commitment) => (
                  <tr key={commitment.id}>
                    <td>{commitment.description}</td>
                    <td>
                      <a className="utrecht-link" href={hrefFor(`/reacties/${commitment.adviceId}`)}>
                        {commitment.kenmerk}
                      </a>
                    </td>
                    <td>{commitment.owner}</td>
                    <td>
                      {formatDateShort(commitment.dueOn)}
                      {commitment.daysOverdue > 0 && (
                        <>
                          {' '}
                          <span className="aw-late">{t('responses.due.te_laat', { days: commitment.daysOverdue })}</span>
                        </>
                      )}
                    </td>
                    <td>{t(`responses.commitmentStatus.${commitment.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="aw-figure" aria-labelledby="standpunten">
          <Heading level={2} id="standpunten">
            {t('responsesUi.positionsTitle')}
          </Heading>
          {years.length === 0 ? (
            <Paragraph>{t('responsesUi.positionsNone')}</Paragraph>
          ) : (
            <>
              <div className="aw-chart" aria-hidden="true">
                <ResponsiveContainer width="100%" height={320}>
                  <BarChart accessibilityLayer={false} data={shareData} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                    <PatternDefs />
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="jaar" />
                    <YAxis unit="%" domain={[0, 100]} />
                    <Tooltip />
                    <Legend itemSorter={null} />
                    {POSITIONS.map((position) => (
                      <Bar
                        key={position}
                        dataKey={position}
                        name={t(`responses.position.${position}`)}
                        stackId="standpunt"
                        fill={`url(#patroon-${position})`}
                        stroke="#000000"
                        isAnimationActive={false}
                      >
                        <LabelList dataKey={position} position="inside" formatter={(value: unknown) => (Number(value) >= 8 ? `${String(value)}%` : '')} fill="#000000" />
                      </Bar>
                    ))}
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <table className="aw-table">
                <caption>{t('responsesUi.chartTableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('responsesUi.year')}</th>
                    <th scope="col">{t('responsesUi.advicesCount')}</th>
                    {POSITIONS.map((position) => (
                      <th scope="col" key={position}>
                        {t(`responses.position.${position}`)}
                      </th>
                    ))}
                    <th scope="col">{t('responsesUi.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {years.map((year) => (
                    <tr key={year.year}>
                      <th scope="row">
                        <a className="utrecht-link" href={hrefFor(`/reacties/jaar/${year.year}`)}>
                          {year.year}
                        </a>
                      </th>
                      <td>{year.advices}</td>
                      {POSITIONS.map((position) => (
                        <td key={position}>
                          <a className="utrecht-link" href={hrefFor(`/reacties/jaar/${year.year}/${position}`)}>
                            {year.counts[position]} ({percent(year.counts[position] / year.total)})
                          </a>
                        </td>
                      ))}
                      <td>{year.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>

        <section className="aw-figure" aria-labelledby="trend">
          <Heading level={2} id="trend">
            {t('responsesUi.trendTitle')}
          </Heading>
          <Paragraph>{t('responsesUi.trendDescription')}</Paragraph>
          {years.length > 0 && (
            <>
              <div className="aw-chart" aria-hidden="true">
                <ResponsiveContainer width="100%" height={280}>
                  <LineChart accessibilityLayer={false} data={trendData} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="jaar" />
                    <YAxis unit="%" domain={[0, 100]} />
                    <Line type="linear" dataKey="overname" name={t('responsesUi.adoption')} stroke="#000000" strokeWidth={3} dot={{ r: 6, fill: '#ffffff', strokeWidth: 3 }} isAnimationActive={false}>
                      <LabelList dataKey="overname" position="top" formatter={(value: unknown) => `${String(value)}%`} />
                    </Line>
                  </LineChart>
                </ResponsiveContainer>
              </div>
              <table className="aw-table">
                <caption>{t('responsesUi.chartTableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('responsesUi.year')}</th>
                    <th scope="col">{t('responsesUi.adoption')}</th>
                  </tr>
                </thead>
                <tbody>
                  {years.map((year) => (
                    <tr key={year.year}>
                      <th scope="row">
                        <a className="utrecht-link" href={hrefFor(`/reacties/jaar/${year.year}`)}>
                          {year.year}
                        </a>
                      </th>
                      <td>{percent(year.adoption)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>

        <Exports years={years.map((year) => year.year)} />

        <section className="aw-figure" aria-labelledby="verzonden">
          <Heading level={2} id="verzonden">
            {t('responsesUi.chooseAdvice')}
          </Heading>
          {sent.length === 0 ? (
            <Paragraph>{t('responsesUi.noSentAdvices')}</Paragraph>
          ) : (
            <ul>
              {sent.map((advice) => (
                <li key={advice.id}>
                  <a className="utrecht-link" href={hrefFor(`/reacties/${advice.id}`)}>
                    {advice.kenmerk} – {advice.betreft}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

export function PositionsList({ year, position }: { year: number; position: Position | undefined }) {
  const [records, setRecords] = useState<Awaited<ReturnType<typeof api.call<'dashboard.positions'>>> | null>(null);
  useEffect(() => {
    void api.call('dashboard.positions', { year, ...(position ? { position } : {}) }).then(setRecords);
  }, [year, position]);
  return (
    <>
      <Heading level={1}>{t('responsesUi.positionsListTitle', { year, position: position ? t(`responses.position.${position}`) : t('responsesUi.positionsListAll') })}</Heading>
      <Paragraph>
        <a className="utrecht-link" href={hrefFor('/reacties')}>
          {t('responsesUi.backToDashboard')}
        </a>
      </Paragraph>
      {records && (
        <table className="aw-table">
          <thead>
            <tr>
              <th scope="col">{t('responsesUi.kenmerk')}</th>
              <th scope="col">{t('responsesUi.recommendation', { number: '' })}</th>
              <th scope="col">{t('responsesUi.status')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.itemId}>
                <td>
                  <a className="utrecht-link" href={hrefFor(`/reacties/${record.adviceId}`)}>
                    {record.kenmerk}
                  </a>
                </td>
                <td>{record.text}</td>
                <td>{t(`responses.position.${record.position}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
