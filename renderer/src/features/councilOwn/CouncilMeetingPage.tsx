import { useEffect, useState } from 'react';
import type { AdviceSummary, AdviceRequest } from '../../../../shared/api/advices';
import { actionInput, itemInput, type AgendaItem, type CouncilAction, type CouncilMeetingDetail, type Member } from '../../../../shared/api/council-own';
import { z } from 'zod';
import { formatDateLong, t } from '../../../../shared/i18n';
import { apiFetch, apiWrite, useApiMutation, useApiQuery } from '../../data/queries';
import { useInlineSave } from '../../data/useInlineSave';
import { hrefFor } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextAreaField, TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading } from '../../ui/Heading';
import { base64ToBytes, downloadBytes } from '../../ui/download';
import { SelectField } from '../meetings/controls';
import { actionStatusLabel, CouncilTabs, roleLabel, useLoaded } from './shared';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SaveStatus } from '../../ui/SaveStatus';

/** One empty list for every read not there yet (a stable value between renders). */
const NONE: never[] = [];

type Run = (change: () => Promise<unknown>) => Promise<boolean>;

export function CouncilMeetingPage({ id }: { id: string }) {
  const { value: meeting, error, run } = useLoaded('councilMeetings.get', { id });
  const members = useApiQuery('members.list', { includeLeft: false }).data ?? NONE;
  const advices = useApiQuery('advices.list', { search: '', status: 'concept' }).data ?? NONE;
  const requests = useApiQuery('adviceRequests.list').data ?? NONE;
  if (!meeting) return <Heading level={1}>{t('councilOwn.meetingsTitle')}</Heading>;
  const title = t('councilOwn.meetingTitle', { date: formatDateLong(meeting.date) });

  async function download(kind: 'councilMeetings.exportAgenda' | 'councilMeetings.exportMinutes') {
    await run(async () => {
      const file = await apiFetch(kind, { id });
      if (file.bytesBase64) downloadBytes(file.fileName, base64ToBytes(file.bytesBase64));
    });
  }

  return (
    <>
      <Heading level={1}>{title}</Heading>
      <CouncilTabs />
      <p>
        <a className="utrecht-link" href={hrefFor('/raad/vergaderingen')}>
          {t('councilOwn.backToMeetings')}
        </a>
      </p>
      <p className="aw-muted">{[meeting.startTime && `${t('councilOwn.startTime')} ${meeting.startTime}`, meeting.place, meeting.guests && `${t('councilOwn.guests')}: ${meeting.guests}`].filter(Boolean).join(' · ')}</p>
      <div className="aw-button-row">
        <Button onClick={() => void download('councilMeetings.exportAgenda')}>{t('councilOwn.exportAgenda')}</Button>
        <Button onClick={() => void download('councilMeetings.exportMinutes')}>{t('councilOwn.exportMinutes')}</Button>
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      <Attendance meeting={meeting} members={members} run={run} />
      <section className="aw-card" aria-labelledby="agenda-titel">
        <Heading level={2} id="agenda-titel">
          {t('councilOwn.agenda')}
        </Heading>
        {meeting.items.map((item) => (
          <AgendaItemView key={item.id} item={item} meeting={meeting} members={members} run={run} />
        ))}
        <AddItemForm meetingId={meeting.id} advices={advices} requests={requests} />
      </section>
      <section className="aw-card" aria-labelledby="meegenomen-acties">
        <Heading level={2} id="meegenomen-acties">
          {t('councilOwn.carriedActions')}
        </Heading>
        <ActionList actions={meeting.carriedActions} run={run} />
      </section>
      <section className="aw-card" aria-labelledby="nieuwe-acties">
        <Heading level={2} id="nieuwe-acties">
          {t('councilOwn.newActions')}
        </Heading>
        <ActionList actions={meeting.newActions} run={run} />
        <AddActionForm meeting={meeting} members={members} />
      </section>
    </>
  );
}

function Attendance({ meeting, members, run }: { meeting: CouncilMeetingDetail; members: Member[]; run: Run }) {
  const [state, setState] = useState<Record<string, '' | 'present' | 'absent'>>({});
  useEffect(() => {
    setState(Object.fromEntries(meeting.attendance.map((attendee) => [attendee.memberId, attendee.present ? 'present' : 'absent'])));
  }, [meeting.attendance]);
  const ids = (value: string) => Object.entries(state).filter(([, chosen]) => chosen === value).map(([memberId]) => memberId);
  return (
    <section className="aw-card" aria-labelledby="aanwezigheid-titel">
      <Heading level={2} id="aanwezigheid-titel">
        {t('councilOwn.attendance')}
      </Heading>
      {members.map((member) => (
        <fieldset key={member.id} className="utrecht-form-fieldset aw-field-row">
          <legend className="utrecht-form-fieldset__legend">
            {member.name} ({roleLabel(member.role).toLowerCase()})
          </legend>
          {(['present', 'absent'] as const).map((value) => (
            <label key={value} className="utrecht-form-label">
              <input
                type="radio"
                className="utrecht-radio-button"
                name={`aanwezig-${member.id}`}
                checked={state[member.id] === value}
                onChange={() => setState({ ...state, [member.id]: value })}
              />{' '}
              {t(value === 'present' ? 'councilOwn.present' : 'councilOwn.absent')}
            </label>
          ))}
        </fieldset>
      ))}
      <Button onClick={() => void run(() => apiWrite('councilMeetings.setAttendance', { id: meeting.id, presentIds: ids('present'), absentIds: ids('absent') }))}>
        {t('councilOwn.saveAttendance')}
      </Button>
    </section>
  );
}

function AgendaItemView({ item, meeting, run }: { item: AgendaItem; meeting: CouncilMeetingDetail; members: Member[]; run: Run }) {
  const [notes, setNotes] = useState(item.notes);
  const [decision, setDecision] = useState('');
  const saveNotes = useInlineSave('councilMeetings.updateItem', ['notes']);
  const addDecision = useInlineSave('councilMeetings.addDecision', ['text']);
  const headingId = `agendapunt-${item.id}`;
  return (
    <article className="aw-agenda-item" aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {item.number}. {item.title}
      </Heading>
      <ul className="aw-muted">
        {item.request && (
          <li>
            {t('councilOwn.linkedRequest')}: {item.request.label}
          </li>
        )}
        {item.advice && (
          <li>
            {t('councilOwn.linkedAdvice')}:{' '}
            <a className="utrecht-link" href={hrefFor(`/adviezen/${item.advice.id}`)}>
              {item.advice.label}
            </a>{' '}
            ({t('councilOwn.adviceStatus', { status: t(`advicesUi.status_${item.advice.status}`).toLowerCase() })})
          </li>
        )}
        {item.response && (
          <li>
            {t('councilOwn.linkedResponse')}: {item.response.label}
          </li>
        )}
        {item.monitoringPeriod && (
          <li>
            {t('councilOwn.monitoringPeriod')}: {item.monitoringPeriod}
          </li>
        )}
      </ul>
      {item.advice?.status === 'concept' && (
        <Button
          appearance="primary"
          aria-label={t('councilOwn.adoptAdviceLabel', { kenmerk: item.advice.label })}
          onClick={() => void run(() => apiWrite('councilMeetings.adoptAdvice', { itemId: item.id }))}
        >
          {t('councilOwn.adoptAdvice')}
        </Button>
      )}
      <TextAreaField
        label={`${t('councilOwn.notes')} (${item.number})`}
        value={notes}
        onChange={(event) => {
          setNotes(event.target.value);
          saveNotes.edited();
        }}
        {...saveNotes.field('notes')}
      />
      <div className="aw-button-row">
        <Button aria-busy={saveNotes.isPending || undefined} onClick={() => void saveNotes.save({ id: item.id, notes })}>
          {t('councilOwn.saveNotes')}
        </Button>
        <SaveStatus text={saveNotes.status} />
      </div>
      {item.decisions.length > 0 && (
        <>
          <p>
            <strong>{t('councilOwn.decisions')}</strong>
          </p>
          <ul data-testid={`besluiten-${item.number}`}>
            {item.decisions.map((entry) => (
              <li key={entry.id}>{entry.text}</li>
            ))}
          </ul>
        </>
      )}
      <div className="aw-field-row">
        <TextField
          label={`${t('councilOwn.decision')} (${item.number})`}
          value={decision}
          onChange={(event) => {
            setDecision(event.target.value);
            addDecision.edited();
          }}
          {...addDecision.field('text')}
        />
        <Button
          aria-busy={addDecision.isPending || undefined}
          onClick={() =>
            void addDecision.save({ itemId: item.id, text: decision }).then((saved) => {
              if (saved) setDecision('');
            })
          }
        >
          {t('councilOwn.addDecision')}
        </Button>
        <SaveStatus text={addDecision.status} />
      </div>
      {meeting.newActions.some((action) => action.agendaItemId === item.id) && (
        <p className="aw-muted">
          {t('councilOwn.newActions')}: {meeting.newActions.filter((action) => action.agendaItemId === item.id).map((action) => action.description).join('; ')}
        </p>
      )}
    </article>
  );
}

/** The agenda item as typed (no link: an empty choice), checked by the contract's schema. */
const itemFormTyped = z
  .object({ meetingId: z.string(), title: z.string(), adviceId: z.string(), requestId: z.string(), monitoringPeriod: z.string() })
  .transform((values) => ({ ...values, adviceId: values.adviceId || null, requestId: values.requestId || null }));
const itemFormSchema = itemFormTyped.pipe(itemInput as unknown as z.ZodType<z.output<typeof itemInput>, z.output<typeof itemFormTyped>>);

function AddItemForm({ meetingId, advices, requests }: { meetingId: string; advices: AdviceSummary[]; requests: AdviceRequest[] }) {
  const empty = { meetingId, title: '', adviceId: '', requestId: '', monitoringPeriod: '' };
  const form = useContractForm(itemFormSchema, { defaultValues: empty });
  const { register, reset, formState } = form;
  const errors = formState.errors;
  const addItem = useApiMutation('councilMeetings.addItem');
  async function add(values: z.output<typeof itemFormSchema>) {
    if (await addItem.run(values)) reset(empty);
  }
  return (
    <ContractForm id="agendapunt" form={form} onSubmit={add} submitLabel={t('councilOwn.addItem')} aria-labelledby="agendapunt-toevoegen">
      <Heading level={3} id="agendapunt-toevoegen">
        {t('councilOwn.addItem')}
      </Heading>
      <TextField label={t('councilOwn.itemTitle')} error={errors.title?.message} {...register('title')} />
      <div className="aw-field-row">
        <SelectField label={t('councilOwn.linkedAdvice')} error={errors.adviceId?.message} {...register('adviceId')}>
          <option value="">{t('councilOwn.none')}</option>
          {advices.map((advice) => (
            <option key={advice.id} value={advice.id}>
              {advice.kenmerk} {advice.betreft}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('councilOwn.linkedRequest')} error={errors.requestId?.message} {...register('requestId')}>
          <option value="">{t('councilOwn.none')}</option>
          {requests.map((request) => (
            <option key={request.id} value={request.id}>
              {request.subject}
            </option>
          ))}
        </SelectField>
        <TextField label={t('councilOwn.monitoringPeriod')} error={errors.monitoringPeriod?.message} {...register('monitoringPeriod')} />
      </div>
    </ContractForm>
  );
}

/** The action as typed (no agenda item: an empty choice), checked by the contract's schema. */
const actionFormSchema = z
  .object({ meetingId: z.string(), agendaItemId: z.string(), description: z.string(), ownerId: z.string(), dueOn: z.string() })
  .transform((values) => ({ ...values, agendaItemId: values.agendaItemId || null }))
  // The contract's input has defaults (optional in), the values here are already filled in.
  .pipe(actionInput as unknown as z.ZodType<z.output<typeof actionInput>, z.output<typeof actionInput>>);

function AddActionForm({ meeting, members }: { meeting: CouncilMeetingDetail; members: Member[] }) {
  const form = useContractForm(actionFormSchema, { defaultValues: { meetingId: meeting.id, agendaItemId: '', description: '', ownerId: '', dueOn: '' } });
  const { register, getValues, setValue, formState } = form;
  const errors = formState.errors;
  const create = useApiMutation('councilActions.create');
  // The owner select shows the first member until another is chosen; the value says so too.
  const firstMember = members[0]?.id;
  useEffect(() => {
    if (firstMember && !members.some((member) => member.id === getValues('ownerId'))) setValue('ownerId', firstMember);
  }, [firstMember, members, getValues, setValue]);
  async function add(values: z.output<typeof actionFormSchema>) {
    if (await create.run(values)) setValue('description', '');
  }
  return (
    <ContractForm id="actie" form={form} onSubmit={add} submitLabel={t('councilOwn.addAction')} aria-labelledby="actie-toevoegen">
      <Heading level={3} id="actie-toevoegen">
        {t('councilOwn.addAction')}
      </Heading>
      <TextField label={t('councilOwn.action')} error={errors.description?.message} {...register('description')} />
      <div className="aw-field-row">
        <SelectField label={t('councilOwn.owner')} error={errors.ownerId?.message} {...register('ownerId')}>
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </SelectField>
        <TextField type="date" label={t('councilOwn.dueOn')} error={errors.dueOn?.message} {...register('dueOn')} />
        <SelectField label={t('councilOwn.actionItem')} error={errors.agendaItemId?.message} {...register('agendaItemId')}>
          <option value="">{t('councilOwn.none')}</option>
          {meeting.items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.number}. {item.title}
            </option>
          ))}
        </SelectField>
      </div>
    </ContractForm>
  );
}

export function ActionList({ actions, run, showMeeting = false }: { actions: CouncilAction[]; run: Run; showMeeting?: boolean }) {
  if (actions.length === 0) return <p>{t('councilOwn.noActions')}</p>;
  return (
    <ScrollRegion label={t('councilOwn.actionsTitle')}>
      <table className="aw-table utrecht-table">
        <thead>
          <tr>
            <th scope="col">{t('councilOwn.action')}</th>
            <th scope="col">{t('councilOwn.owner')}</th>
            <th scope="col">{t('councilOwn.dueOn')}</th>
            <th scope="col">{t('councilOwn.status')}</th>
            {showMeeting && <th scope="col">{t('councilOwn.fromMeeting')}</th>}
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((action) => (
            <tr key={action.id}>
              <td>{action.description}</td>
              <td>{action.ownerName}</td>
              <td>
                {formatDateLong(action.dueOn)} {action.overdue && <span className="aw-overdue">({t('councilOwn.overdue')})</span>}
              </td>
              <td>{actionStatusLabel(action.status)}</td>
              {showMeeting && (
                <td>
                  <a className="utrecht-link" href={hrefFor(`/raad/vergaderingen/${action.meetingId}`)}>
                    {formatDateLong(action.meetingDate)}
                  </a>
                </td>
              )}
              <td>
                {action.status === 'open' && (
                  <Button
                    appearance="subtle"
                    aria-label={t('councilOwn.markDoneLabel', { description: action.description })}
                    onClick={() => void run(() => apiWrite('councilActions.update', { id: action.id, status: 'afgerond' }))}
                  >
                    {t('councilOwn.markDone')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
