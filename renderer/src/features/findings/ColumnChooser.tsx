import { useId } from 'react';
import { t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';
import { Paragraph } from '../../ui/Heading';
import { clampWidth, DEFAULT_PREFS, OPTIONAL_COLUMNS, WIDTH_STEP, widthOf, type ColumnPrefs, type OptionalColumn } from './column-prefs';
import { COLUMN_LABELS } from './FindingsTable';

/**
 * "Kolommen kiezen": a disclosure with a checkbox per optional column (NL Design System checkbox
 * pattern) and "Smaller"/"Breder" buttons, the keyboard way to resize a column.
 */
export function ColumnChooser({ prefs, onChange }: { prefs: ColumnPrefs; onChange(change: (current: ColumnPrefs) => ColumnPrefs): void }) {
  const hintId = useId();
  const show = (column: OptionalColumn, visible: boolean) =>
    onChange((current) => ({ ...current, hidden: visible ? current.hidden.filter((hidden) => hidden !== column) : [...current.hidden, column] }));
  const resize = (column: OptionalColumn, delta: number) =>
    onChange((current) => ({ ...current, widths: { ...current.widths, [column]: clampWidth(widthOf(current, column) + delta) } }));
  return (
    <details className="aw-column-chooser">
      <summary>{t('findings.columns')}</summary>
      <fieldset className="utrecht-form-fieldset" aria-describedby={hintId}>
        <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('findings.columnsLegend')}</legend>
        <Paragraph className="aw-muted" id={hintId}>
          {t('findings.columnsHint')}
        </Paragraph>
        <ul className="aw-column-chooser__list">
          {OPTIONAL_COLUMNS.map((column) => {
            const label = COLUMN_LABELS[column];
            const visible = !prefs.hidden.includes(column);
            return (
              <li key={column} className="aw-column-chooser__item">
                <label className="utrecht-form-label utrecht-form-label--checkbox aw-checkbox">
                  <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={visible} onChange={(event) => show(column, event.target.checked)} />{' '}
                  {label}
                </label>
                <Button appearance="subtle" aria-label={t('findings.columnNarrowerLabel', { column: label })} disabled={!visible} onClick={() => resize(column, -WIDTH_STEP)}>
                  {t('findings.columnNarrower')}
                </Button>
                <Button appearance="subtle" aria-label={t('findings.columnWiderLabel', { column: label })} disabled={!visible} onClick={() => resize(column, WIDTH_STEP)}>
                  {t('findings.columnWider')}
                </Button>
              </li>
            );
          })}
        </ul>
        <Button onClick={() => onChange(() => DEFAULT_PREFS)}>{t('findings.columnsReset')}</Button>
      </fieldset>
    </details>
  );
}
