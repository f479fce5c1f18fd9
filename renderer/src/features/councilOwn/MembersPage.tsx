import { useEffect, useState } from 'react';
import { z } from 'zod';
import { MEMBER_ROLES, memberFields, memberInput, termSettingsInput, type Member } from '../../../../shared/api/council-own';
import { formatDateLong, t } from '../../../../shared/i18n';
import { apiWrite, useApiMutation, useApiQuery } from '../../data/queries';
import { useInlineSave } from '../../data/useInlineSave';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { ContractForm, useContractForm } from '../../ui/Form';
import { Heading, Paragraph } from '../../ui/Heading';
import { SelectField } from '../meetings/controls';
import { CouncilTabs, roleLabel, useLoaded } from './shared';
import { todayInNetherlands } from '../../../../shared/calendar';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SaveStatus } from '../../ui/SaveStatus';

type MemberFormValues = z.input<typeof memberFormSchema>;
const EMPTY: MemberFormValues = { name: '', role: 'lid', background: '', email: '', phone: '', follows: '', termStart: '', termEnd: '' };

/** The member form: the contract's schema; an empty end of term means "the term length from the settings". */
const memberFormSchema = z
  .object({ ...memberFields, termEnd: z.string() })
  .transform(({ termEnd, ...rest }) => ({ ...rest, ...(termEnd ? { termEnd } : {}) }))
  // The contract's input has defaults (optional in), the values here are already filled in.
  .pipe(memberInput as unknown as z.ZodType<z.output<typeof memberInput>, z.output<typeof memberInput>>);

function valuesOf(member: Member): MemberFormValues {
  const { name, role, background, email, phone, follows, termStart, termEnd } = member;
  return { name, role, background, email, phone, follows, termStart, termEnd };
}

/** Adds a member, or changes the one being edited; errors at the field and in the summary by the button. */
function MemberForm({ editing, onDone }: { editing: Member | null; onDone(): void }) {
  const form = useContractForm(memberFormSchema, { defaultValues: EMPTY });
  const { register, reset, formState } = form;
  const errors = formState.errors;
  const create = useApiMutation('members.create');
  const update = useApiMutation('members.update');
  useEffect(() => reset(editing ? valuesOf(editing) : EMPTY), [editing, reset]);
  const submit = async (values: z.output<typeof memberFormSchema>) => {
    const saved = editing ? await update.run({ id: editing.id, ...values }) : await create.run(values);
    if (!saved) return;
    reset(EMPTY);
    onDone();
  };
  return (
    <section className="aw-card" aria-labelledby="lid-toevoegen">
      <Heading level={2} id="lid-toevoegen" tabIndex={-1}>
        {editing ? t('councilOwn.editMemberLabel', { name: editing.name }) : t('councilOwn.addMember')}
      </Heading>
      <ContractForm
        id="lid"
        form={form}
        onSubmit={submit}
        submitLabel={t('councilOwn.saveMember')}
        actions={editing && <Button onClick={onDone}>{t('common.cancel')}</Button>}
      >
        <div className="aw-field-row">
          <TextField label={t('councilOwn.name')} error={errors.name?.message} required {...register('name')} />
          <SelectField label={t('councilOwn.role')} error={errors.role?.message} {...register('role')}>
            {MEMBER_ROLES.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role)}
              </option>
            ))}
          </SelectField>
          <TextField type="date" label={t('councilOwn.termStart')} error={errors.termStart?.message} {...register('termStart')} />
          <TextField type="date" label={t('councilOwn.termEnd')} description={t('councilOwn.termEndHint')} error={errors.termEnd?.message} {...register('termEnd')} />
        </div>
        <TextField label={t('councilOwn.follows')} error={errors.follows?.message} {...register('follows')} />
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">{t('councilOwn.personalData')}</legend>
          <TextField label={t('councilOwn.background')} error={errors.background?.message} {...register('background')} />
          <div className="aw-field-row">
            <TextField type="email" label={t('councilOwn.email')} error={errors.email?.message} {...register('email')} />
            <TextField type="tel" label={t('councilOwn.phone')} error={errors.phone?.message} {...register('phone')} />
          </div>
        </fieldset>
      </ContractForm>
    </section>
  );
}

export function MembersPage() {
  const { value: members, error, run } = useLoaded('members.list', {});
  /** The member being edited in the form below, or null when the form adds a new one. */
  const [editing, setEditing] = useState<Member | null>(null);
  const [leaving, setLeaving] = useState<Member | null>(null);
  const [deleting, setDeleting] = useState<Member | null>(null);

  function edit(member: Member) {
    setEditing(member);
    document.getElementById('lid-toevoegen')?.scrollIntoView();
  }

  return (
    <>
      <Heading level={1}>{t('councilOwn.membersTitle')}</Heading>
      <CouncilTabs />
      <Paragraph>{t('councilOwn.membersIntro')}</Paragraph>
      {error && <Alert kind="error">{error}</Alert>}
      <section className="aw-card" aria-labelledby="leden-lijst">
        <Heading level={2} id="leden-lijst">
          {t('councilOwn.membersTitle')}
        </Heading>
        {members && members.length === 0 && <Paragraph>{t('councilOwn.noMembers')}</Paragraph>}
        {members && members.length > 0 && (
          <ScrollRegion label={t('councilOwn.membersTitle')}>
            <table className="aw-table utrecht-table">
              <caption className="aw-visually-hidden">{t('councilOwn.membersTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('councilOwn.name')}</th>
                  <th scope="col">{t('councilOwn.role')}</th>
                  <th scope="col">{t('councilOwn.term')}</th>
                  <th scope="col">{t('councilOwn.positions')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.id}>
                    <th scope="row">
                      {member.name}
                      {member.follows && <div className="aw-muted">{member.follows}</div>}
                    </th>
                    <td>{roleLabel(member.role)}</td>
                    <td>
                      {member.leftOn
                        ? `${t('councilOwn.leftOn')} ${formatDateLong(member.leftOn)}`
                        : t('councilOwn.termOf', { number: member.termNumber, date: formatDateLong(member.termEnd) })}
                    </td>
                    <td>
                      <Positions member={member} run={run} />
                    </td>
                    <td>
                      <div className="aw-button-row">
                        <Button appearance="subtle" aria-label={t('councilOwn.editMemberLabel', { name: member.name })} onClick={() => edit(member)}>
                          {t('common.edit')}
                        </Button>
                        {member.canReappoint && (
                          <Button aria-label={t('councilOwn.reappointLabel', { name: member.name })} onClick={() => void run(() => apiWrite('members.reappoint', { id: member.id }))}>
                            {t('councilOwn.reappoint')}
                          </Button>
                        )}
                        {!member.leftOn && (
                          <Button appearance="subtle" aria-label={t('councilOwn.markLeftLabel', { name: member.name })} onClick={() => setLeaving(member)}>
                            {t('councilOwn.markLeft')}
                          </Button>
                        )}
                        <Button appearance="subtle" aria-label={t('councilOwn.deleteMemberLabel', { name: member.name })} onClick={() => setDeleting(member)}>
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

      <MemberForm editing={editing} onDone={() => setEditing(null)} />

      <TermSettingsForm />

      {leaving && <LeaveDialog key={leaving.id} member={leaving} onClose={() => setLeaving(null)} />}
      <ConfirmDialog
        open={deleting !== null}
        title={t('common.delete')}
        message={t('common.confirmDelete', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        onConfirm={() => {
          const member = deleting;
          setDeleting(null);
          if (member) void run(() => apiWrite('members.delete', { id: member.id }));
        }}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}

function Positions({ member, run }: { member: Member; run(change: () => Promise<unknown>): Promise<boolean> }) {
  const [description, setDescription] = useState('');
  const [declaredOn, setDeclaredOn] = useState(todayInNetherlands());
  const add = useInlineSave('members.addPosition', ['description', 'declaredOn']);
  return (
    <details>
      <summary>
        {t('councilOwn.positions')} ({member.positions.length})
      </summary>
      <ul>
        {member.positions.map((position) => (
          <li key={position.id}>
            {position.description} <span className="aw-muted">({formatDateLong(position.declaredOn)})</span>{' '}
            <Button appearance="subtle" aria-label={`${t('common.delete')}: ${position.description}`} onClick={() => void run(() => apiWrite('members.deletePosition', { id: position.id }))}>
              {t('common.delete')}
            </Button>
          </li>
        ))}
      </ul>
      <TextField
        label={t('councilOwn.positionDescription')}
        value={description}
        onChange={(event) => {
          setDescription(event.target.value);
          add.edited();
        }}
        {...add.field('description')}
      />
      <TextField
        type="date"
        label={t('councilOwn.declaredOn')}
        value={declaredOn}
        onChange={(event) => {
          setDeclaredOn(event.target.value);
          add.edited();
        }}
        {...add.field('declaredOn')}
      />
      <div className="aw-button-row">
        <Button
          aria-busy={add.isPending || undefined}
          onClick={() =>
            void add.save({ memberId: member.id, description, declaredOn }).then((saved) => {
              if (saved) setDescription('');
            })
          }
        >
          {t('councilOwn.addPosition')}
        </Button>
        <SaveStatus text={add.status} />
      </div>
    </details>
  );
}

/** The leaving date: refused dates (before the term began, not a date) are shown at the field, the date typed stays. */
function LeaveDialog({ member, onClose }: { member: Member; onClose(): void }) {
  const [leftOn, setLeftOn] = useState(todayInNetherlands());
  const markLeft = useInlineSave('members.markLeft', ['leftOn']);
  return (
    <section className="aw-card" aria-labelledby="afmelden-titel">
      <Heading level={2} id="afmelden-titel">
        {t('councilOwn.markLeftLabel', { name: member.name })}
      </Heading>
      <TextField
        type="date"
        label={t('councilOwn.leftOn')}
        value={leftOn}
        onChange={(event) => {
          setLeftOn(event.target.value);
          markLeft.edited();
        }}
        {...markLeft.field('leftOn')}
      />
      <div className="aw-button-row">
        <Button
          appearance="primary"
          aria-busy={markLeft.isPending || undefined}
          onClick={() =>
            void markLeft.save({ id: member.id, leftOn }).then((saved) => {
              if (saved) onClose();
            })
          }
        >
          {t('councilOwn.markLeft')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </div>
    </section>
  );
}

function TermSettingsForm() {
  const [saved, setSaved] = useState(false);
  const form = useContractForm(termSettingsFormSchema, { defaultValues: { termYears: '', maxTerms: '' } });
  const { register, reset, formState } = form;
  const errors = formState.errors;
  const settings = useApiQuery('members.termSettings').data;
  const update = useApiMutation('members.updateTermSettings');
  useEffect(() => {
    if (settings) reset({ termYears: String(settings.termYears), maxTerms: String(settings.maxTerms) });
  }, [settings, reset]);
  const submit = async (values: z.output<typeof termSettingsFormSchema>) => {
    setSaved(false);
    if (await update.run(values)) setSaved(true);
  };
  return (
    <section className="aw-card" aria-labelledby="termijnen-titel">
      <Heading level={2} id="termijnen-titel">
        {t('councilOwn.termSettings')}
      </Heading>
      <ContractForm
        id="termijnen"
        form={form}
        onSubmit={submit}
        submitLabel={t('common.save')}
        status={
          saved && (
            <p className="aw-muted" role="status">
              {t('common.saved')}
            </p>
          )
        }
      >
        <div className="aw-field-row">
          <TextField type="number" min={1} max={10} label={t('councilOwn.termYears')} error={errors.termYears?.message} {...register('termYears')} />
          <TextField type="number" min={1} max={10} label={t('councilOwn.maxTerms')} error={errors.maxTerms?.message} {...register('maxTerms')} />
        </div>
      </ContractForm>
    </section>
  );
}

/** The term settings as typed (text in number fields), checked by the contract's schema. */
const termSettingsFormSchema = z
  .object({ termYears: z.string(), maxTerms: z.string() })
  .transform((values) => ({ termYears: Number(values.termYears), maxTerms: Number(values.maxTerms) }))
  .pipe(termSettingsInput);
