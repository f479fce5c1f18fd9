import { useState } from 'react';
import { z } from 'zod';
import { criterionInput, frameworkInput, type CriteriaFramework, type Criterion } from '../../../../shared/api/monitoring';
import { t } from '../../../../shared/i18n';
import { DIRECTIONS, formatValue, MEASURE_TYPES } from '../../../../shared/monitoring/measures';
import { apiWrite, useApiMutation } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DataTable } from '../../ui/DataTable';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { LabelledSelect } from './shared';

type Status = { kind: 'ok' | 'error'; message: string } | null;

function FrameworkForm({ framework, onSaved, onCancel }: { framework: CriteriaFramework | null; onSaved(): void; onCancel(): void }) {
  const form = useContractForm(frameworkInput, { defaultValues: { name: framework?.name ?? '', description: framework?.description ?? '', source: framework?.source ?? '' } });
  const { register, formState } = form;
  const errors = formState.errors;
  const create = useApiMutation('frameworks.create');
  const update = useApiMutation('frameworks.update');
  const submit = async (values: z.output<typeof frameworkInput>) => {
    const saved = framework ? await update.run({ id: framework.id, ...values }) : await create.run(values);
    if (saved) onSaved();
  };
  return (
    <ContractForm
      id="kader"
      form={form}
      onSubmit={submit}
      submitLabel={t('common.save')}
      actions={<Button onClick={onCancel}>{t('common.cancel')}</Button>}
      className="aw-card"
      aria-labelledby="kader-form-titel"
    >
      <Heading level={3} id="kader-form-titel">
        {framework ? t('monitoring.editFramework', { name: framework.name }) : t('monitoring.newFramework')}
      </Heading>
      <TextField label={t('monitoring.frameworkName')} error={errors.name?.message} autoFocus {...register('name')} />
      <TextAreaField label={`${t('monitoring.frameworkDescription')} ${t('common.optional')}`} error={errors.description?.message} {...register('description')} />
      <TextField label={`${t('monitoring.source')} ${t('common.optional')}`} error={errors.source?.message} {...register('source')} />
    </ContractForm>
  );
}

/** The criterion as typed (the target as text, a decimal comma allowed), checked by the contract's schema. */
const criterionFormTyped = z
  .object({
    frameworkId: z.string(),
    name: z.string(),
    description: z.string(),
    source: z.string(),
    measureType: z.string(),
    direction: z.string(),
    target: z.string().refine((value) => value.trim() === '' || Number.isFinite(Number(value.replace(',', '.'))), { error: () => t('monitoring.valueNotANumber') }),
  })
  .transform((values) => ({
    ...values,
    // A traffic light reads green-is-good only; its direction is not asked.
    direction: values.measureType === 'traffic_light' ? 'higher_better' : values.direction,
    target: values.target.trim() === '' ? null : Number(values.target.replace(',', '.')),
  }));
const criterionFormSchema = criterionFormTyped.pipe(criterionInput as unknown as z.ZodType<z.output<typeof criterionInput>, z.output<typeof criterionFormTyped>>);

function CriterionForm({ framework, criterion, onSaved, onCancel }: { framework: CriteriaFramework; criterion: Criterion | null; onSaved(): void; onCancel(): void }) {
  const form = useContractForm(criterionFormSchema, {
    defaultValues: {
      frameworkId: framework.id,
      name: criterion?.name ?? '',
      description: criterion?.description ?? '',
      source: criterion?.source ?? framework.source,
      measureType: criterion?.measureType ?? 'score',
      direction: criterion?.direction ?? 'higher_better',
      target: criterion?.target === null || criterion === null ? '' : String(criterion.target),
    },
  });
  const { register, watch, formState } = form;
  const errors = formState.errors;
  const measureType = watch('measureType');
  const create = useApiMutation('criteria.create');
  const update = useApiMutation('criteria.update');
  const submit = async (values: z.output<typeof criterionFormSchema>) => {
    const { frameworkId, ...fields } = values;
    const saved = criterion ? await update.run({ id: criterion.id, ...fields }) : await create.run({ frameworkId, ...fields });
    if (saved) onSaved();
  };
  const idPrefix = `criterium-${criterion?.id ?? 'nieuw'}`;
  return (
    <ContractForm
      id={idPrefix}
      form={form}
      onSubmit={submit}
      submitLabel={t('common.save')}
      actions={<Button onClick={onCancel}>{t('common.cancel')}</Button>}
      className="aw-card"
      aria-labelledby={`${idPrefix}-titel`}
    >
      <Heading level={3} id={`${idPrefix}-titel`}>
        {criterion ? t('monitoring.editCriterion', { name: criterion.name }) : t('monitoring.newCriterion', { framework: framework.name })}
      </Heading>
      <TextField label={t('monitoring.criterionName')} error={errors.name?.message} autoFocus {...register('name')} />
      <TextAreaField label={`${t('monitoring.criterionDescription')} ${t('common.optional')}`} error={errors.description?.message} {...register('description')} />
      <TextField label={`${t('monitoring.source')} ${t('common.optional')}`} error={errors.source?.message} {...register('source')} />
      <div className="aw-field-row">
        <LabelledSelect id={`${idPrefix}-meetwijze`} label={t('monitoring.measureType')} error={errors.measureType?.message} {...register('measureType')}>
          {MEASURE_TYPES.map((option) => (
            <option key={option} value={option}>
              {t(`monitoring.measure.${option}`)}
            </option>
          ))}
        </LabelledSelect>
        {measureType !== 'traffic_light' && (
          <LabelledSelect id={`${idPrefix}-richting`} label={t('monitoring.directionLabel')} error={errors.direction?.message} {...register('direction')}>
            {DIRECTIONS.map((option) => (
              <option key={option} value={option}>
                {t(`monitoring.direction.${option}`)}
              </option>
            ))}
          </LabelledSelect>
        )}
        <TextField label={`${t('monitoring.target')} ${t('common.optional')}`} inputMode="decimal" error={errors.target?.message} {...register('target')} />
      </div>
    </ContractForm>
  );
}

type Editing =
  | { what: 'framework'; framework: CriteriaFramework | null }
  | { what: 'criterion'; framework: CriteriaFramework; criterion: Criterion | null }
  | null;

export function FrameworksView({ frameworks, onChanged }: { frameworks: CriteriaFramework[]; onChanged(): Promise<void> }) {
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<Status>(null);
  const [toDelete, setToDelete] = useState<{ kind: 'framework' | 'criterion'; id: string; name: string } | null>(null);

  const run = async (action: () => Promise<unknown>, okMessage: string) => {
    try {
      await action();
      setStatus({ kind: 'ok', message: okMessage });
      await onChanged();
    } catch (error) {
      setStatus({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const saved = async () => {
    setEditing(null);
    setStatus({ kind: 'ok', message: t('common.saved') });
    await onChanged();
  };

  return (
    <>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      {editing?.what === 'framework' ? (
        <FrameworkForm framework={editing.framework} onSaved={() => void saved()} onCancel={() => setEditing(null)} />
      ) : (
        <div className="aw-button-row">
          <Button appearance="primary" onClick={() => setEditing({ what: 'framework', framework: null })}>
            {t('monitoring.addFramework')}
          </Button>
        </div>
      )}
      {frameworks.map((framework) => (
        <section key={framework.id} className="aw-card" aria-labelledby={`kader-${framework.id}`}>
          <Heading level={2} id={`kader-${framework.id}`}>
            {framework.name}
            {framework.builtinKey && <span className="aw-badge"> ({t('monitoring.builtin')})</span>}
          </Heading>
          {framework.description && <Paragraph>{framework.description}</Paragraph>}
          {framework.source && (
            <Paragraph className="aw-muted">
              {t('monitoring.source')}: {framework.source}
            </Paragraph>
          )}
          <div className="aw-button-row">
            <Button appearance="subtle" onClick={() => setEditing({ what: 'framework', framework })} aria-label={`${t('common.edit')}: ${framework.name}`}>
              {t('common.edit')}
            </Button>
            <Button appearance="subtle" onClick={() => setEditing({ what: 'criterion', framework, criterion: null })} aria-label={`${t('monitoring.addCriterion')}: ${framework.name}`}>
              {t('monitoring.addCriterion')}
            </Button>
            <Button appearance="subtle" onClick={() => setToDelete({ kind: 'framework', id: framework.id, name: framework.name })} aria-label={`${t('common.delete')}: ${framework.name}`}>
              {t('common.delete')}
            </Button>
          </div>
          {editing?.what === 'criterion' && editing.framework.id === framework.id && (
            <CriterionForm framework={framework} criterion={editing.criterion} onSaved={() => void saved()} onCancel={() => setEditing(null)} />
          )}
          <DataTable
            caption={`${t('monitoring.criteria')}: ${framework.name}`}
            sortable={false}
            rows={framework.criteria}
            getRowId={(criterion) => criterion.id}
            columns={[
              {
                id: 'naam',
                header: t('monitoring.criterionName'),
                cell: ({ row: { original: criterion } }) => (
                  <>
                    <strong>{criterion.name}</strong>
                    {criterion.retiredAt && <span className="aw-badge"> ({t('monitoring.retired')})</span>}
                    {criterion.description && <span className="aw-matrix__measure">{criterion.description}</span>}
                  </>
                ),
              },
              {
                id: 'meetwijze',
                header: t('monitoring.measureType'),
                cell: ({ row: { original: criterion } }) => (
                  <>
                    {t(`monitoring.measure.${criterion.measureType}`)}
                    {criterion.measureType !== 'traffic_light' && <span className="aw-matrix__measure">{t(`monitoring.direction.${criterion.direction}`)}</span>}
                  </>
                ),
              },
              {
                id: 'norm',
                header: t('monitoring.target'),
                cell: ({ row: { original: criterion } }) => (
                  <>
                    {criterion.target === null ? t('monitoring.targetNone') : formatValue(criterion.measureType, criterion.target)}
                    {criterion.assessmentCount > 0 && <span className="aw-matrix__measure">{t('monitoring.usedIn', { count: criterion.assessmentCount })}</span>}
                  </>
                ),
              },
              {
                id: 'acties',
                header: t('common.actions'),
                cell: ({ row: { original: criterion } }) => (
                  <div className="aw-button-row">
                    <Button appearance="subtle" onClick={() => setEditing({ what: 'criterion', framework, criterion })} aria-label={`${t('common.edit')}: ${criterion.name}`}>
                      {t('common.edit')}
                    </Button>
                    <Button
                      appearance="subtle"
                      onClick={() =>
                        void run(
                          () => apiWrite('criteria.setRetired', { id: criterion.id, retired: criterion.retiredAt === null }),
                          t('common.savedName', { name: criterion.name }),
                        )
                      }
                      aria-label={`${criterion.retiredAt === null ? t('monitoring.retire') : t('monitoring.reinstate')}: ${criterion.name}`}
                    >
                      {criterion.retiredAt === null ? t('monitoring.retire') : t('monitoring.reinstate')}
                    </Button>
                    <Button appearance="subtle" onClick={() => setToDelete({ kind: 'criterion', id: criterion.id, name: criterion.name })} aria-label={`${t('common.delete')}: ${criterion.name}`}>
                      {t('common.delete')}
                    </Button>
                  </div>
                ),
              },
            ]}
          />
        </section>
      ))}
      <ConfirmDialog
        open={toDelete !== null}
        title={t('common.delete')}
        message={toDelete ? t('common.confirmDelete', { name: toDelete.name }) : ''}
        confirmLabel={t('common.delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          const item = toDelete;
          setToDelete(null);
          if (!item) return;
          void run(
            () => apiWrite(item.kind === 'framework' ? 'frameworks.delete' : 'criteria.delete', { id: item.id }),
            item.kind === 'framework' ? t('monitoring.frameworkDeleted', { name: item.name }) : t('monitoring.criterionDeleted', { name: item.name }),
          );
        }}
      />
    </>
  );
}
