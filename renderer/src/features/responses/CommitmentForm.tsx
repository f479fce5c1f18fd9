import { useEffect } from 'react';
import { useController } from 'react-hook-form';
import { z } from 'zod';
import { commitmentCreateInput, type Commitment, type RecommendationRow, type ResponseOverview } from '../../../../shared/api/responses';
import { t } from '../../../../shared/i18n';
import { addDays } from '../../../../shared/calendar';
import { useApiMutation } from '../../data/queries';
import { Button } from '../../ui/Button';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';

/** A commitment without a date in the letter is due this many weeks from today. */
export const DEFAULT_COMMITMENT_WEEKS = 13;

/** The fields a user edits; the advice, status and notes are not part of this form. */
const commitmentFormSchema = commitmentCreateInput.pick({ description: true, owner: true, dueOn: true, itemIds: true });
type CommitmentFormValues = z.input<typeof commitmentFormSchema>;

/**
 * Adds a commitment, or edits one (text, owner, due date, linked recommendations). One due date,
 * prefilled with the default term; the audit trail records an edit like any other commitment change.
 */
export function CommitmentForm({
  adviceId,
  today,
  recommendations,
  editing,
  onSaved,
  onCancel,
}: {
  adviceId: string;
  today: string;
  recommendations: RecommendationRow[];
  editing?: Commitment;
  onSaved(overview: ResponseOverview): void;
  onCancel?: () => void;
}) {
  const create = useApiMutation('commitments.create');
  const update = useApiMutation('commitments.update');
  const empty: CommitmentFormValues = { description: '', owner: '', dueOn: addDays(today, DEFAULT_COMMITMENT_WEEKS * 7), itemIds: [] };
  const form = useContractForm(commitmentFormSchema, {
    defaultValues: editing ? { description: editing.description, owner: editing.owner, dueOn: editing.dueOn, itemIds: editing.itemIds } : empty,
  });
  const { register, formState, reset, setFocus } = form;
  const itemIds = useController({ control: form.control, name: 'itemIds' });
  const chosen = itemIds.field.value ?? [];

  useEffect(() => {
    if (editing) setFocus('description');
  }, [editing, setFocus]);

  const submit = async (values: z.output<typeof commitmentFormSchema>) => {
    const overview = editing ? await update.run({ id: editing.id, ...values }) : await create.run({ adviceId, ...values });
    if (!overview) return;
    if (!editing) reset(empty);
    onSaved(overview);
  };

  const label = editing ? t('responsesUi.editCommitmentTitle', { description: editing.description }) : t('responsesUi.addCommitment');
  return (
    <ContractForm
      form={form}
      onSubmit={submit}
      submitLabel={editing ? t('common.save') : t('responsesUi.addCommitment')}
      id={editing ? `toezegging-${editing.id}` : 'toezegging-nieuw'}
      aria-label={label}
      actions={onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
    >
      <TextAreaField label={t('responsesUi.description')} error={formState.errors.description?.message} {...register('description')} />
      <div className="aw-inline-form">
        <TextField label={t('responsesUi.owner')} error={formState.errors.owner?.message} {...register('owner')} />
        <TextField
          label={t('responsesUi.commitmentDue')}
          description={editing ? undefined : t('responsesUi.dueDefaultHint', { weeks: DEFAULT_COMMITMENT_WEEKS })}
          type="date"
          required
          error={formState.errors.dueOn?.message}
          {...register('dueOn')}
        />
      </div>
      {recommendations.length > 0 && (
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('responsesUi.linkedRecommendations')}</legend>
          {recommendations.map((row) => (
            <label key={row.itemId} style={{ display: 'block' }}>
              <input
                type="checkbox"
                checked={chosen.includes(row.itemId)}
                onChange={(event) =>
                  itemIds.field.onChange(event.target.checked ? [...chosen, row.itemId] : chosen.filter((itemId) => itemId !== row.itemId))
                }
              />{' '}
              {row.number} {row.text}
            </label>
          ))}
        </fieldset>
      )}
    </ContractForm>
  );
}
