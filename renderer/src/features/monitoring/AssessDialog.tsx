import { useEffect, useRef, useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { z } from 'zod';
import { todayInNetherlands } from '../../../../shared/calendar';
import { assessmentInput, type Assessment, type AssessmentDetail, type Criterion, type WijkRef } from '../../../../shared/api/monitoring';
import { formatDateLong, formatDateTime, t } from '../../../../shared/i18n';
import { formatValue } from '../../../../shared/monitoring/measures';
import { periodLabel } from '../../../../shared/monitoring/periods';
import { NO_ROWS, useApiMutation, useApiQuery } from '../../data/queries';
import { Button } from '../../ui/Button';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';

export interface AssessTarget {
  team: WijkRef;
  criterion: Criterion;
  periodKey: string;
  assessment: Assessment | null;
}

function ChoiceField({ legend, options, registration, error }: {
  legend: string;
  options: { value: number; label: string }[];
  registration: UseFormRegisterReturn;
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
            <input type="radio" value={String(option.value)} {...registration} />{' '}
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The assessment as typed (the value as text, a decimal comma allowed; no assessor: the current user). */
const assessFormTyped = z
  .object({
    wijkteamId: z.string(),
    criterionId: z.string(),
    periodKey: z.string(),
    value: z.string(),
    evidence: z.string(),
    sources: z.string(),
    assessedBy: z.string(),
    assessedOn: z.string(),
  })
  .transform(({ value, assessedBy, ...rest }) => ({
    ...rest,
    value: value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')),
    ...(assessedBy.trim() ? { assessedBy } : {}),
  }));
const assessFormSchema = assessFormTyped.pipe(assessmentInput as unknown as z.ZodType<z.output<typeof assessmentInput>, z.output<typeof assessFormTyped>>);

/** The form to assess one cell (team × criterion × period), in a modal dialog. */
export function AssessDialog({ target, onSaved, onClose }: { target: AssessTarget; onSaved(assessment: AssessmentDetail): void; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const { criterion, team, periodKey, assessment } = target;
  const form = useContractForm(assessFormSchema, {
    defaultValues: {
      wijkteamId: team.id,
      criterionId: criterion.id,
      periodKey,
      value: assessment ? String(assessment.value) : '',
      evidence: assessment?.evidence ?? '',
      sources: assessment?.sources ?? '',
      assessedBy: assessment?.assessedBy ?? '',
      assessedOn: assessment?.assessedOn ?? todayInNetherlands(),
    },
  });
  const { register, formState } = form;
  const errors = formState.errors;
  const save = useApiMutation('assessments.save');
  const history = useApiQuery('assessments.history', { id: assessment?.id ?? '' }, { enabled: assessment !== null }).data ?? NO_ROWS;
  const findings = useApiQuery('monitoring.teamFindings', { wijkteamId: team.id }).data ?? NO_ROWS;
  // The linked findings start as saved; once the user ticks one, the ticks are theirs.
  const current = useApiQuery('assessments.get', { wijkteamId: team.id, criterionId: criterion.id, periodKey }).data;
  const [picked, setPicked] = useState<string[] | null>(null);
  const findingIds = picked ?? current?.findingIds ?? NO_ROWS;
  const setFindingIds = (change: (ids: string[]) => string[]) => setPicked(change(findingIds));

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first radio ("1 van 5"); the chosen score is where the user is.
      dialog.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus();
    }
  }, []);

  const submit = async (values: z.output<typeof assessFormSchema>) => {
    const saved = await save.run({ ...values, findingIds });
    if (saved) onSaved(saved);
  };

  const valueLabel = `${t('monitoring.value')} (${t(`monitoring.measure.${criterion.measureType}`)})`;
  return (
    <dialog ref={ref} className="aw-dialog aw-dialog--framed aw-dialog--wide" aria-labelledby="beoordeel-titel" onCancel={onClose}>
      <ContractForm framed id="beoordeling" form={form} onSubmit={submit} submitLabel={t('monitoring.saveAssessment')} actions={<Button onClick={onClose}>{t('common.cancel')}</Button>}>
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
              registration={register('value')}
              error={errors.value?.message}
              options={(criterion.measureType === 'score' ? [1, 2, 3, 4, 5] : [1, 2, 3]).map((option) => ({
                value: option,
                label: formatValue(criterion.measureType, option),
              }))}
            />
          ) : (
            <TextField
              label={valueLabel}
              inputMode="decimal"
              error={errors.value?.message}
              autoFocus
              {...register('value')}
            />
          )}
          <TextAreaField label={`${t('monitoring.evidence')} ${t('common.optional')}`} error={errors.evidence?.message} {...register('evidence')} />
          <TextAreaField
            label={`${t('monitoring.sources')} ${t('common.optional')}`}
            description={t('monitoring.sourcesHint')}
            error={errors.sources?.message}
            {...register('sources')}
          />
          <div className="aw-field-row">
            <TextField label={`${t('monitoring.assessedBy')} ${t('common.optional')}`} error={errors.assessedBy?.message} {...register('assessedBy')} />
            <TextField label={t('monitoring.assessedOn')} type="date" error={errors.assessedOn?.message} {...register('assessedOn')} />
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
      </ContractForm>
    </dialog>
  );
}
