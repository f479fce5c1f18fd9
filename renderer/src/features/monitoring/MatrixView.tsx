import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { CriteriaFramework } from '../../../../shared/api/monitoring';
import { t } from '../../../../shared/i18n';
import { STATUS_SYMBOL, statusLabel } from '../../../../shared/monitoring/measures';
import { periodLabel, previousPeriodKey, shiftPeriodKey } from '../../../../shared/monitoring/periods';
import { hrefFor } from '../../app/router';
import { useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryError } from '../../ui/QueryState';
import { AssessDialog, type AssessTarget } from './AssessDialog';
import { DraftAdvicePanel } from './DraftAdvicePanel';
import { ExportPanel } from './ExportPanel';
import { cellText, currentPeriodKey, FrameworkSelect, PeriodPicker } from './shared';
import { ScrollRegion } from '../../ui/ScrollRegion';

/** Arrow keys move between the cells' buttons, as in a spreadsheet; Tab still walks them all. */
function moveFocus(event: KeyboardEvent<HTMLTableElement>): void {
  const deltas: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const delta = deltas[event.key];
  const target = event.target as HTMLElement;
  if (!delta || !target.dataset.row) return;
  const row = Number(target.dataset.row) + delta[0];
  const col = Number(target.dataset.col) + delta[1];
  const next = event.currentTarget.querySelector<HTMLButtonElement>(`button[data-row="${row}"][data-col="${col}"]`);
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function MatrixView({ frameworks }: { frameworks: CriteriaFramework[] }) {
  const [periodKey, setPeriodKey] = useState<string | null>(null);
  const [frameworkId, setFrameworkId] = useState<string>('');
  const [target, setTarget] = useState<AssessTarget | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [returnFocus, setReturnFocus] = useState<string | null>(null);
  const [includeRetired, setIncludeRetired] = useState(false);

  const periods = useApiQuery('monitoring.periods').data;
  useEffect(() => {
    // The latest assessed period is shown first; the user's own choice is kept after that.
    if (periods) setPeriodKey((chosen) => chosen || (periods.at(-1) ?? currentPeriodKey('quarter')));
  }, [periods]);
  useEffect(() => {
    if (frameworkId === '' && frameworks.length > 0) setFrameworkId(frameworks.find((framework) => framework.builtinKey === 'avi')?.id ?? frameworks[0]!.id);
  }, [frameworks, frameworkId]);

  // Another period or framework keeps the matrix on screen until the next one is there.
  const matrixQuery = useApiQuery(
    'monitoring.matrix',
    { periodKey: periodKey ?? '', frameworkId, includeRetired },
    { enabled: Boolean(periodKey && frameworkId), placeholderData: keepPreviousData },
  );
  const matrix = matrixQuery.data ?? null;

  useEffect(() => {
    if (!returnFocus || target) return;
    document.getElementById(returnFocus)?.focus();
    setReturnFocus(null);
  }, [returnFocus, target, matrix]);

  if (!periodKey) return <Paragraph>{t('app.loading')}</Paragraph>;
  return (
    <>
      <section className="aw-card" aria-labelledby="matrix-keuze">
        <Heading level={2} id="matrix-keuze">
          {t('monitoring.period')}
        </Heading>
        <div className="aw-field-row">
          <PeriodPicker idPrefix="matrix-periode" value={periodKey} onChange={setPeriodKey} />
          <FrameworkSelect id="matrix-kader" frameworks={frameworks} value={frameworkId} onChange={setFrameworkId} />
        </div>
        <label className="aw-choice__option">
          <input type="checkbox" checked={includeRetired} onChange={(event) => setIncludeRetired(event.target.checked)} /> {t('monitoring.includeRetired')}
        </label>
        <div className="aw-button-row">
          <Button onClick={() => setPeriodKey(previousPeriodKey(periodKey))}>◀ {t('monitoring.previousPeriod')}</Button>
          <Button onClick={() => setPeriodKey(shiftPeriodKey(periodKey, 1))}>{t('monitoring.nextPeriod')} ▶</Button>
        </div>
      </section>

      <section className="aw-card" aria-labelledby="matrix-titel">
        <Heading level={2} id="matrix-titel">
          {periodLabel(periodKey)}
        </Heading>
        {status && <Alert kind="ok">{status}</Alert>}
        {!matrix ? (
          matrixQuery.isError ? (
            <QueryError error={matrixQuery.error} retry={() => void matrixQuery.refetch()} />
          ) : (
            <Paragraph>{t('app.loading')}</Paragraph>
          )
        ) : matrix.rows.length === 0 ? (
          <Paragraph>
            {t('monitoring.noTeams')} <a href={hrefFor('/wijkteams/teams')}>{t('monitoring.addTeam')}</a>
          </Paragraph>
        ) : matrix.criteria.length === 0 ? (
          <Paragraph>{t('monitoring.noCriteria')}</Paragraph>
        ) : (
          <ScrollRegion label={t('monitoring.matrixCaption', { period: periodLabel(periodKey) })}>
            <table className="utrecht-table aw-table aw-matrix" onKeyDown={moveFocus}>
              <caption className="utrecht-table__caption">{t('monitoring.matrixCaption', { period: periodLabel(periodKey) })}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    {t('monitoring.team')}
                  </th>
                  {matrix.criteria.map((criterion) => (
                    <th key={criterion.id} scope="col" className="utrecht-table__header-cell">
                      {criterion.name}
                      <span className="aw-matrix__measure">{t(`monitoring.measure.${criterion.measureType}`)}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {matrix.rows.map((row, rowIndex) => (
                  <tr key={row.team.id} className="utrecht-table__row">
                    <th scope="row" className="utrecht-table__header-cell">
                      <a href={hrefFor(`/wijkteams/teams/${row.team.id}`)}>{row.team.name}</a>
                    </th>
                    {row.cells.map((cell, colIndex) => {
                      const criterion = matrix.criteria[colIndex]!;
                      const text = cellText(criterion, cell);
                      const id = `cel-${rowIndex}-${colIndex}`;
                      return (
                        <td key={cell.criterionId} className="utrecht-table__cell">
                          <button
                            id={id}
                            type="button"
                            className={`aw-cell aw-cell--${cell.status}`}
                            data-row={rowIndex}
                            data-col={colIndex}
                            aria-label={t('monitoring.assessCell', { team: row.team.name, criterion: criterion.name, value: text.label })}
                            onClick={() => {
                              setStatus(null);
                              setReturnFocus(id);
                              setTarget({ team: row.team, criterion, periodKey, assessment: cell.assessment });
                            }}
                          >
                            <span className="aw-cell__main">{text.main}</span>
                            {text.change && <span className="aw-cell__change">{text.change}</span>}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        <div className="aw-legend" aria-label={t('monitoring.matrixLegend')} role="group">
          {(['good', 'fair', 'poor', 'neutral', 'missing'] as const).map((state) => (
            <span key={state} className={`aw-cell aw-cell--${state} aw-legend__item`}>
              {STATUS_SYMBOL[state]} {statusLabel(state)}
            </span>
          ))}
          <span className="aw-legend__item">▲ {t('monitoring.outcome.improved')}</span>
          <span className="aw-legend__item">▼ {t('monitoring.outcome.declined')}</span>
          <span className="aw-legend__item">= {t('monitoring.outcome.unchanged')}</span>
        </div>
      </section>

      {matrix && <DraftAdvicePanel matrix={matrix} />}

      <ExportPanel periodKey={periodKey} frameworkId={frameworkId || null} />

      {target && (
        <AssessDialog
          target={target}
          onClose={() => setTarget(null)}
          onSaved={(saved) => {
            setTarget(null);
            // The save refetched the matrix (apiWrite); focus goes back to the cell once it is drawn again.
            setStatus(t('monitoring.assessmentSaved', { team: target.team.name, criterion: target.criterion.name, period: periodLabel(saved.periodKey) }));
          }}
        />
      )}
    </>
  );
}
