import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { POSITIONS, type DashboardFigures, type Position } from '../../../../shared/api/responses';
import { formatDateShort, t } from '../../../../shared/i18n';
import { useApiQuery } from '../../data/queries';
import { QueryError } from '../../ui/QueryState';
import { hrefFor } from '../../app/router';
import { Heading, Paragraph } from '../../ui/Heading';
import { Exports } from './Exports';
import { ChartWithTable, FigureSection, PlainTable, type PlainColumn } from './figures';

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

/**
 * A share inside a stacked bar: black on a white box, so it reads (21:1) on every pattern, the dark
 * solid one included (WCAG 1.4.3). Shares under 8 % leave no room and stay in the table.
 */
function ShareLabel(props: { x?: number | string; y?: number | string; width?: number | string; height?: number | string; value?: unknown }) {
  const value = Number(props.value);
  if (!Number.isFinite(value) || value < 8) return null;
  const centreX = Number(props.x) + Number(props.width) / 2;
  const centreY = Number(props.y) + Number(props.height) / 2;
  return (
    <g>
      <rect x={centreX - 24} y={centreY - 11} width={48} height={22} rx={3} fill="#ffffff" stroke="#000000" />
      <text x={centreX} y={centreY} textAnchor="middle" dominantBaseline="central" fill="#000000" fontSize={14}>
        {`${value}%`}
      </text>
    </g>
  );
}

function percent(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

type YearFigures = DashboardFigures['positionsPerYear'][number];

/** The first column of both chart tables: the year, linking to that year's positions. */
const yearColumn: PlainColumn<YearFigures> = {
  key: 'jaar',
  header: t('responsesUi.year'),
  rowHeader: true,
  cell: (year) => (
    <a className="utrecht-link" href={hrefFor(`/reacties/jaar/${year.year}`)}>
      {year.year}
    </a>
  ),
};

/** The advice's kenmerk, linking to the page where its response is recorded. */
function kenmerkColumn<Row extends { adviceId: string; kenmerk: string }>(): PlainColumn<Row> {
  return {
    key: 'kenmerk',
    header: t('responsesUi.kenmerk'),
    cell: (row) => (
      <a className="utrecht-link" href={hrefFor(`/reacties/${row.adviceId}`)}>
        {row.kenmerk}
      </a>
    ),
  };
}

export function Dashboard({ title }: { title: string }) {
  const figuresQuery = useApiQuery('dashboard.get');
  const figures = figuresQuery.data;
  const sent = useApiQuery('advices.list', { status: 'verzonden', includeArchived: true }).data ?? [];
  if (!figures)
    return (
      <>
        <Heading level={1}>{title}</Heading>
        {figuresQuery.isError && <QueryError error={figuresQuery.error} retry={() => void figuresQuery.refetch()} />}
      </>
    );

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
        <FigureSection id="wachtend" title={t('responsesUi.awaitingTitle')}>
          {figures.awaiting.length === 0 ? (
            <Paragraph>{t('responsesUi.awaitingNone')}</Paragraph>
          ) : (
            <PlainTable
              label={t('responsesUi.awaitingTitle')}
              rows={figures.awaiting}
              rowKey={(advice) => advice.adviceId}
              columns={[
                kenmerkColumn(),
                { key: 'betreft', header: t('responsesUi.betreft'), cell: (advice) => advice.betreft },
                { key: 'verzonden', header: t('responsesUi.sentOn'), cell: (advice) => formatDateShort(advice.sentOn) },
                { key: 'termijn', header: t('responsesUi.dueOn'), cell: (advice) => formatDateShort(advice.dueOn) },
                {
                  key: 'te-laat',
                  header: t('responsesUi.overdueDays'),
                  cell: (advice) =>
                    advice.daysOverdue > 0 ? <span className="aw-late">{t('responses.due.te_laat', { days: advice.daysOverdue })}</span> : '–',
                },
              ]}
            />
          )}
        </FigureSection>

        <FigureSection id="toezeggingen" title={t('responsesUi.commitmentsTitle')}>
          {allCommitments.length === 0 ? (
            <Paragraph>{t('responsesUi.commitmentsNone')}</Paragraph>
          ) : (
            <PlainTable
              label={t('responsesUi.commitmentsTitle')}
              rows={allCommitments}
              rowKey={(commitment) => commitment.id}
              columns={[
                { key: 'toezegging', header: t('responsesUi.commitment'), cell: (commitment) => commitment.description },
                kenmerkColumn(),
                { key: 'eigenaar', header: t('responsesUi.owner'), cell: (commitment) => commitment.owner },
                {
                  key: 'termijn',
                  header: t('responsesUi.commitmentDue'),
                  cell: (commitment) => (
                    <>
                      {formatDateShort(commitment.dueOn)}
                      {commitment.daysOverdue > 0 && (
                        <>
                          {' '}
                          <span className="aw-late">{t('responses.due.te_laat', { days: commitment.daysOverdue })}</span>
                        </>
                      )}
                    </>
                  ),
                },
                { key: 'status', header: t('responsesUi.status'), cell: (commitment) => t(`responses.commitmentStatus.${commitment.status}`) },
              ]}
            />
          )}
        </FigureSection>

        <FigureSection id="standpunten" title={t('responsesUi.positionsTitle')}>
          {years.length === 0 ? (
            <Paragraph>{t('responsesUi.positionsNone')}</Paragraph>
          ) : (
            <ChartWithTable
              caption={t('responsesUi.positionsTableCaption')}
              height={320}
              chart={
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
                      <LabelList dataKey={position} content={(props) => <ShareLabel {...props} />} />
                    </Bar>
                  ))}
                </BarChart>
              }
              rows={years}
              rowKey={(year) => year.year}
              columns={[
                yearColumn,
                { key: 'adviezen', header: t('responsesUi.advicesCount'), cell: (year) => year.advices },
                ...POSITIONS.map(
                  (position): PlainColumn<YearFigures> => ({
                    key: position,
                    header: t(`responses.position.${position}`),
                    cell: (year) => (
                      <a className="utrecht-link" href={hrefFor(`/reacties/jaar/${year.year}/${position}`)}>
                        {year.counts[position]} ({percent(year.counts[position] / year.total)})
                      </a>
                    ),
                  }),
                ),
                { key: 'totaal', header: t('responsesUi.total'), cell: (year) => year.total },
              ]}
            />
          )}
        </FigureSection>

        <FigureSection id="trend" title={t('responsesUi.trendTitle')}>
          <Paragraph>{t('responsesUi.trendDescription')}</Paragraph>
          {years.length > 0 && (
            <ChartWithTable
              caption={t('responsesUi.trendTableCaption')}
              height={280}
              chart={
                <LineChart accessibilityLayer={false} data={trendData} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="jaar" />
                  <YAxis unit="%" domain={[0, 100]} />
                  <Line type="linear" dataKey="overname" name={t('responsesUi.adoption')} stroke="#000000" strokeWidth={3} dot={{ r: 6, fill: '#ffffff', strokeWidth: 3 }} isAnimationActive={false}>
                    <LabelList dataKey="overname" position="top" formatter={(value: unknown) => `${String(value)}%`} fill="#1a1a1a" />
                  </Line>
                </LineChart>
              }
              rows={years}
              rowKey={(year) => year.year}
              columns={[yearColumn, { key: 'overname', header: t('responsesUi.adoption'), cell: (year) => percent(year.adoption) }]}
            />
          )}
        </FigureSection>

        <Exports years={years.map((year) => year.year)} />

        <FigureSection id="verzonden" title={t('responsesUi.chooseAdvice')}>
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
        </FigureSection>
      </div>
    </>
  );
}

export function PositionsList({ year, position }: { year: number; position: Position | undefined }) {
  const recordsQuery = useApiQuery('dashboard.positions', { year, ...(position ? { position } : {}) });
  const records = recordsQuery.data;
  return (
    <>
      <Heading level={1}>{t('responsesUi.positionsListTitle', { year, position: position ? t(`responses.position.${position}`) : t('responsesUi.positionsListAll') })}</Heading>
      <Paragraph>
        <a className="utrecht-link" href={hrefFor('/reacties')}>
          {t('responsesUi.backToDashboard')}
        </a>
      </Paragraph>
      {recordsQuery.isError && <QueryError error={recordsQuery.error} retry={() => void recordsQuery.refetch()} />}
      {records && (
        <PlainTable
          label={t('responsesUi.positionsListTitle', { year, position: position ? t(`responses.position.${position}`) : t('responsesUi.positionsListAll') })}
          rows={records}
          rowKey={(record) => record.itemId}
          columns={[
            kenmerkColumn(),
            { key: 'aanbeveling', header: t('responsesUi.recommendation', { number: '' }), cell: (record) => record.text },
            { key: 'standpunt', header: t('responsesUi.status'), cell: (record) => t(`responses.position.${record.position}`) },
          ]}
        />
      )}
    </>
  );
}
