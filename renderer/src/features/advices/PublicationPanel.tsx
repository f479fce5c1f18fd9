import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { AdviceDetail } from '../../../../shared/api/advices';
import { publicationSetInput, WOO_GROUNDS, type AdvicePublication } from '../../../../shared/api/publication';
import { formatDateLong, t, type MessageKey } from '../../../../shared/i18n';
import { invalidateDomain, useApiMutation, useApiQuery } from '../../data/queries';
import { useMayCall } from '../../data/roles';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryState } from '../../ui/QueryState';
import { SelectField } from '../meetings/controls';

const groundLabel = (ground: string) => t(`publication.ground.${ground}` as MessageKey);

function stateText(publication: AdvicePublication, sentOn: string | null): string {
  if (!publication.decided) return t('publication.stateUndecided');
  if (!publication.isPublic) return t('publication.stateNotPublic', { reason: [publication.wooGround ? groundLabel(publication.wooGround) : '', publication.reason].filter(Boolean).join('. ') });
  const date = publication.publishedOn ?? sentOn;
  return publication.effectivelyPublic && date ? t('publication.statePublic', { date: formatDateLong(date) }) : t('publication.statePublicPending');
}

function PublicationForm({ publication, onSaved }: { publication: AdvicePublication; onSaved(): void }) {
  const save = useApiMutation('publication.set');
  const form = useContractForm(publicationSetInput, {
    defaultValues: {
      adviceId: publication.adviceId,
      // A concept is never public: its choice starts at "niet openbaar" (deciding in advance).
      isPublic: publication.status === 'concept' ? false : publication.isPublic,
      wooGround: publication.wooGround,
      reason: publication.reason,
      publishedOn: publication.publishedOn,
    },
  });
  const { register, watch, setValue, formState } = form;
  const isPublic = watch('isPublic');
  const submit = async (values: z.output<typeof publicationSetInput>) => {
    if (await save.run(values)) onSaved();
  };
  return (
    <ContractForm form={form} onSubmit={submit} submitLabel={t('publication.save')} id="openbaarmaking-formulier" aria-labelledby="openbaarmaking-titel">
      <fieldset className="utrecht-form-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t('publication.choice')}</legend>
        {formState.errors.isPublic?.message && <div className="utrecht-form-field-error-message">{formState.errors.isPublic.message}</div>}
        {([true, false] as const).map((value) => (
          <div key={String(value)} className="utrecht-form-field utrecht-form-field--radio">
            <input
              id={`openbaar-${String(value)}`}
              type="radio"
              name="isPublic"
              className="utrecht-radio-button utrecht-radio-button--html-input"
              checked={isPublic === value}
              disabled={value && publication.status === 'concept'}
              onChange={() => setValue('isPublic', value)}
            />
            <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`openbaar-${String(value)}`}>
              {value ? t('publication.public') : t('publication.notPublic')}
            </label>
          </div>
        ))}
      </fieldset>
      {isPublic ? (
        <TextField
          type="date"
          label={t('publication.publishedOn')}
          description={t('publication.publishedOnHint')}
          error={formState.errors.publishedOn?.message}
          {...register('publishedOn', { setValueAs: (value: unknown) => (value === '' ? null : value) })}
        />
      ) : (
        <>
          <SelectField
            label={t('publication.groundLabel')}
            error={formState.errors.wooGround?.message}
            {...register('wooGround', { setValueAs: (value: unknown) => (value === '' ? null : value) })}
          >
            <option value="">{t('publication.groundNone')}</option>
            {WOO_GROUNDS.map((ground) => (
              <option key={ground} value={ground}>
                {groundLabel(ground)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('publication.reason')} error={formState.errors.reason?.message} {...register('reason')} />
        </>
      )}
    </ContractForm>
  );
}

/** Openbaar / niet openbaar: asked once when the advice is sent (default openbaar), changeable after. */
export function PublicationPanel({ advice }: { advice: AdviceDetail }) {
  const query = useApiQuery('publication.get', { adviceId: advice.id });
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const mayDecide = useMayCall('publication.set');
  // The editor keeps the advice in its own state: a status change here refreshes the publication.
  useEffect(() => {
    void invalidateDomain('publication');
  }, [advice.status, advice.updatedAt]);
  return (
    <section className="aw-card" aria-labelledby="openbaarmaking-titel" data-testid="publication-panel">
      <Heading level={2} id="openbaarmaking-titel">
        {t('publication.title')}
      </Heading>
      <QueryState query={query}>
        {(publication) => (
          <>
            <p data-testid="publication-state">{stateText(publication, advice.sentOn)}</p>
            {publication.needsDecision && <Alert kind="info">{t('publication.ask')}</Alert>}
            {publication.status === 'concept' && <Paragraph>{t('publication.conceptNote')}</Paragraph>}
            {saved && <Alert kind="ok">{t('publication.saved')}</Alert>}
            {!mayDecide ? null : publication.needsDecision || editing ? (
              <PublicationForm
                key={`${publication.adviceId}-${String(publication.decided)}`}
                publication={publication}
                onSaved={() => {
                  setEditing(false);
                  setSaved(true);
                }}
              />
            ) : (
              <Button onClick={() => setEditing(true)}>{t('publication.change')}</Button>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
