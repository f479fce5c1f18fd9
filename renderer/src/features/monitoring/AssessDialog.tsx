import { useEffect, useRef, useState, type FormEvent } from 'react';
import { todayInNetherlands } from '../../../../shared/calendar';
import type { Assessment, AssessmentDetail, Criterion, WijkRef } from '../../../../shared/api/monitoring';
import { formatDateLong, formatDateTime, t } from '../../../../shared/i18n';
import { formatValue } from '../../../../shared/monitoring/measures';
import { periodLabel } from '../../../../shared/monitoring/periods';
import { apiWrite, NO_ROWS, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextAreaField, TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { useApiErrors } from './shared';

export interface AssessTarget {
  team: WijkRef;
  criterion: Criterion;
  periodKey: string;
  assessment: Assessment | null;
}

function ChoiceField({ legend, options, value, onChange, error }: {
  legend: string;
  options: { value: number; label: string }[];
  value: string;
  onChange(value: string): void;
  error: string | undefined;
}) {
  return (
    <fieldset className={`utrecht-form-fieldset aw-choice${error ? ' utrecht-form-field--invalid' : ''}`} aria-describedby={error ? 'beoordeling-waarde-fout' : undefined}>
      <legend className="utrecht-form-fieldset__legend utrecht-form-label">{legend}</legend>
      {error && (
        <div className="utrecht-form-field-error-message" id="beoordeling-waarde-fout">
          {error}
        </div>
      )}
      <div className="aw-choice__options">
        {options.map((option) => (
          <label key={option.value} className="aw-choice__option">
            <input type="radio" name="waarde" value={option.value} checked={value === String(option.value)} onChange={() => onChange(String(option.value))} />{' '}
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The form to assess one cell (team × criterion × period), in a modal dialog. */
export function AssessDialog({ target, onSaved, onClose }: { target: AssessTarget; onSaved(assessment: AssessmentDetail): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { criterion, team, periodKey, assessment } = target;
  const [value, setValue] = useState(assessment ? String(assessment.value) : '');
  const [evidence, setEvidence] = useState(assessment?.evidence ?? '');
  const [sources, setSources] = useState(assessment?.sources ?? '');
  const [assessedBy, setAssessedBy] = useState(assessment?.assessedBy ?? '');
  const [assessedOn, setAssessedOn] = useState(assessment?.assessedOn ?? todayInNetherlands());
  const history = useApiQuery('assessments.history', { id: assessment?.id ?? '' }, { enabled: assessment !== null }).data ?? NO_ROWS;
  const findings = useApiQuery('monitoring.teamFindings', { wijkteamId: team.id }).data ?? NO_ROWS;
  // The linked findings start as saved; once the user ticks one, the ticks are theirs.
  const current = useApiQuery('assessments.get', { wijkteamId: team.id, criterionId: criterion.id, periodKey }).data;
  const [picked, setPicked] = useState<string[] | null>(null);
  const findingIds = picked ?? current?.findingIds ?? NO_ROWS;
  const setFindingIds = (change: (ids: string[]) => string[]) => setPicked(change(findingIds));
  const [saving, setSaving] = useState(false);
  const { errors, capture, field } = useApiErrors();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first radio ("1 van 5"); the chosen score is where the user is.
      dialog.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
    }
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const saved = await apiWrite('assessments.save', {
        wijkteamId: team.id,
        criterionId: criterion.id,
        periodKey,
        value: value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')),
        evidence,
        sources,
        ...(assessedBy.trim() ? { assessedBy } : {}),
        assessedOn,
        findingIds,
      });
      onSaved(saved);
    } catch (error) {
      capture(error);
    } finally {
      setSaving(false);
    }
  };

  const valueLabel = `${t('monitoring.value')} (${t(`monitoring.measure.${criterion.measureType}`)})`;
  return (
    <dialog ref={ref} className="aw-dialog aw-dialog--framed aw-dialog--wide" aria-labelledby="beoordeel-titel" onCancel={onClose}>
      <form className="aw-dialog__frame" onSubmit={(event) => void submit(event)} noValidate>
        <div className="aw-dialog__body">
          <Heading level={2} id="beoordeel-titel">
            {t('monitoring.assessTitle', { team: team.name })}
          </Heading>
          <Paragraph>
            <strong>{t('monitoring.assessSubtitle', { criterion: criterion.name, period: periodLabel(periodKey) })}</strong>
          </Paragraph>
          {criterion.description && <Paragraph className="aw-muted">{criterion.description}</Paragraph>}
          {criterion.measureType === 'score' || criterion.measureType === 'traffic_light' ? (
            <ChoiceField
              legend={valueLabel}
              value={value}
              onChange={setValue}
              error={field('value')}
              options={(criterion.measureType === 'score' ? [1, 2, 3, 4, 5] : [1, 2, 3]).map((option) => ({
                value: option,
                label: formatValue(criterion.measureType, option),
              }))}
            />
          ) : (
            <TextField
              label={valueLabel}
              inputMode="decimal"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              error={field('value')}
              autoFocus
            />
          )}
          <TextAreaField label={`${t('monitoring.evidence')} ${t('common.optional')}`} value={evidence} onChange={(event) => setEvidence(event.target.value)} error={field('evidence')} />
          <TextAreaField
            label={`${t('monitoring.sources')} ${t('common.optional')}`}
            description={t('monitoring.sourcesHint')}
            value={sources}
            onChange={(event) => setSources(event.target.value)}
            error={field('sources')}
          />
          <div className="aw-field-row">
            <TextField label={`${t('monitoring.assessedBy')} ${t('common.optional')}`} value={assessedBy} onChange={(event) => setAssessedBy(event.target.value)} error={field('assessedBy')} />
            <TextField label={t('monitoring.assessedOn')} type="date" value={assessedOn} onChange={(event) => setAssessedOn(event.target.value)} error={field('assessedOn')} />
          </div>
          <fieldset className="utrecht-form-fieldset aw-choice">
            <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t('monitoring.linkedFindings')}</legend>
            <p className="utrecht-form-field-description">{t('monitoring.linkedFindingsHint')}</p>
            {findings.length === 0 ? (
              <Paragraph className="aw-muted">{t('monitoring.noFindings')}</Paragraph>
            ) : (
              <ul className="aw-finding-list">
                {findings.map((finding) => (
                  <li key={finding.id}>
                    <label className="aw-choice__option">
                      <input
                        type="checkbox"
                        checked={findingIds.includes(finding.id)}
                        onChange={(event) => setFindingIds((ids) => (event.target.checked ? [...ids, finding.id] : ids.filter((id) => id !== finding.id)))}
                      />{' '}
                      {t('monitoring.findingLabel', { date: formatDateLong(finding.date), text: finding.text })}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
          {history.length > 0 && (
            <section aria-labelledby="beoordeling-historie">
              <Heading level={3} id="beoordeling-historie">
                {t('monitoring.history')}
              </Heading>
              <ul>
                {history.map((version) => (
                  <li key={version.validUntil}>
                    {t('monitoring.historyItem', {
                      value: formatValue(criterion.measureType, version.value),
                      by: version.assessedBy,
                      date: formatDateLong(version.assessedOn),
                      changedBy: `${version.changedBy}, ${formatDateTime(version.validUntil)}`,
                    })}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        {/* Errors stay beside the buttons, in view while the body scrolls. */}
        <div className="aw-dialog__footer">
          {errors && <Alert kind="error">{errors.message}</Alert>}
          <div className="aw-button-row">
            <Button appearance="primary" type="submit" disabled={saving}>
              {t('monitoring.saveAssessment')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </div>
        </div>
      </form>
    </dialog>
  );
}
