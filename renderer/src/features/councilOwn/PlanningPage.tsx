import { useEffect, useState } from 'react';
import { z } from 'zod';
import { PLANNING_KINDS, planningItemInput, type PlanningItem } from '../../../../shared/api/council-own';
import { formatMonth, t, type MessageKey } from '../../../../shared/i18n';
import { apiWrite, useApiMutation, useApiQuery } from '../../data/queries';
import { useInlineSave } from '../../data/useInlineSave';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { SelectField } from '../meetings/controls';
import { PlanningImport } from './PlanningImport';
import { CouncilTabs, useLoaded } from './shared';
import { todayInNetherlands } from '../../../../shared/calendar';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SaveStatus } from '../../ui/SaveStatus';

const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);

/** The planning form as typed (the month from a select as text), checked by the contract's schema. */
const planningFormSchema = z
  .object({ year: z.number(), month: z.string(), kind: z.string(), title: z.string(), source: z.string() })
  .transform((values) => ({ ...values, month: Number(values.month) }))
  // The contract's input has defaults (optional in), the values here are already filled in.
  .pipe(planningItemInput as unknown as z.ZodType<z.output<typeof planningItemInput>, z.output<typeof planningItemInput>>);
type PlanningFormValues = z.input<typeof planningFormSchema>;

export function PlanningPage() {
  const [year, setYear] = useState(Number(todayInNetherlands().slice(0, 4)));
  const { value: items, error, run } = useLoaded('planning.list', { year });
  const requests = useApiQuery('adviceRequests.list').data ?? [];
  const empty: PlanningFormValues = { year, month: '1', kind: 'adviesaanvraag', title: '', source: '' };
  const form = useContractForm(planningFormSchema, { defaultValues: empty });
  const { register, reset, getValues, setValue, formState } = form;
  const errors = formState.errors;
  const create = useApiMutation('planning.create');
  const update = useApiMutation('planning.update');
  /** The item being changed in the form below, or null when the form adds a new one. */
  const [editing, setEditing] = useState<PlanningItem | null>(null);
  const [deleting, setDeleting] = useState<PlanningItem | null>(null);
  // A new item goes in the year shown; an item being changed keeps its own year.
  useEffect(() => {
    if (!editing) setValue('year', year);
  }, [year, editing, setValue]);

  async function add(values: z.output<typeof planningFormSchema>) {
    if (editing) {
      const { month, kind, title, source } = values;
      if (await update.run({ id: editing.id, month, kind, title, source })) {
        setEditing(null);
        reset(empty);
      }
    } else if (await create.run(values)) reset({ ...getValues(), title: '' });
  }

  function cancel() {
    setEditing(null);
    reset(empty);
  }

  function edit(item: PlanningItem) {
    setEditing(item);
    reset({ year: item.year, month: String(item.month), kind: item.kind, title: item.title, source: item.source });
    document.getElementById('planning-toevoegen')?.scrollIntoView();
  }

  return (
    <>
      <Heading level={1}>{t('councilOwn.planningTitle')}</Heading>
      <CouncilTabs />
      <Paragraph>{t('councilOwn.planningIntro')}</Paragraph>
      <TextField type="number" min={2000} max={2100} label={t('councilOwn.year')} value={String(year)} onChange={(event) => setYear(Number(event.target.value) || year)} />
      {error && <Alert kind="error">{error}</Alert>}
      <section className="aw-card" aria-labelledby="jaaroverzicht">
        <Heading level={2} id="jaaroverzicht">
          {t('councilOwn.planningTitle')} {year}
        </Heading>
        {items && items.length === 0 && <Paragraph>{t('councilOwn.noPlanning')}</Paragraph>}
        {items && items.length > 0 && (
          <ScrollRegion label={`${t('councilOwn.planningTitle')} ${year}`}>
            <table className="aw-table utrecht-table">
              <thead>
                <tr>
                  <th scope="col">{t('councilOwn.month')}</th>
                  <th scope="col">{t('councilOwn.planningTitleField')}</th>
                  <th scope="col">{t('councilOwn.kind')}</th>
                  <th scope="col">{t('councilOwn.state')}</th>
                  <th scope="col">{t('councilOwn.linkRequest')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>{formatMonth(item.month)}</td>
                    <th scope="row">
                      {item.title}
                      {item.source && <div className="aw-muted">{item.source}</div>}
                    </th>
                    <td>{t(`councilOwn.kind_${item.kind}` as MessageKey)}</td>
                    <td>{t(`councilOwn.state_${item.state}` as MessageKey)}</td>
                    <td>
                      <RequestLink item={item} requests={requests} />
                    </td>
                    <td>
                      <div className="aw-button-row">
                        <Button appearance="subtle" aria-label={t('councilOwn.editPlanningLabel', { title: item.title })} onClick={() => edit(item)}>
                          {t('common.edit')}
                        </Button>
                        <Button appearance="subtle" aria-label={t('councilOwn.deletePlanningLabel', { title: item.title })} onClick={() => setDeleting(item)}>
                          {t('common.delete')}
                        </Button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <PlanningImport year={year} />
      <section className="aw-card" aria-labelledby="planning-toevoegen">
        <Heading level={2} id="planning-toevoegen">
          {editing ? t('councilOwn.editPlanningLabel', { title: editing.title }) : t('councilOwn.addPlanning')}
        </Heading>
        <ContractForm
          id="planning"
          form={form}
          onSubmit={add}
          submitLabel={editing ? t('councilOwn.savePlanning') : t('councilOwn.addPlanning')}
          actions={editing && <Button onClick={cancel}>{t('common.cancel')}</Button>}
        >
          <div className="aw-field-row">
            <SelectField label={t('councilOwn.month')} error={errors.month?.message} {...register('month')}>
              {MONTHS.map((month) => (
                <option key={month} value={month}>
                  {formatMonth(month)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('councilOwn.kind')} error={errors.kind?.message} {...register('kind')}>
              {PLANNING_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`councilOwn.kind_${kind}` as MessageKey)}
                </option>
              ))}
            </SelectField>
          </div>
          <TextField label={t('councilOwn.planningTitleField')} error={errors.title?.message} {...register('title')} />
          <TextField label={t('councilOwn.source')} error={errors.source?.message} {...register('source')} />
        </ContractForm>
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={t('common.delete')}
        message={t('common.confirmDelete', { name: deleting?.title ?? '' })}
        confirmLabel={t('common.delete')}
        onConfirm={() => {
          const item = deleting;
          setDeleting(null);
          if (item) void run(() => apiWrite('planning.delete', { id: item.id }));
        }}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}

/**
 * The advice request a planned item leads to, saved as soon as it is chosen. The column header is the
 * visible label (a label per row would repeat it in every cell); a refused save is shown under the
 * select and the choice made stays.
 */
function RequestLink({ item, requests }: { item: PlanningItem; requests: { id: string; subject: string }[] }) {
  const [chosen, setChosen] = useState(item.requestId ?? '');
  useEffect(() => setChosen(item.requestId ?? ''), [item.requestId]);
  const link = useInlineSave('planning.update', ['requestId']);
  const { error, ref } = link.field('requestId');
  const errorId = `koppeling-fout-${item.id}`;
  return (
    <div className={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      {error && (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      )}
      <select
        ref={ref}
        aria-label={`${t('councilOwn.linkRequest')}: ${item.title}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="utrecht-select utrecht-select--html-select aw-select-small"
        value={chosen}
        onChange={(event) => {
          setChosen(event.target.value);
          link.edited();
          void link.save({ id: item.id, requestId: event.target.value || null });
        }}
      >
        <option value="">{t('councilOwn.none')}</option>
        {requests.map((request) => (
          <option key={request.id} value={request.id}>
            {request.subject}
          </option>
        ))}
      </select>{' '}
      <SaveStatus text={link.status} />
    </div>
  );
}
