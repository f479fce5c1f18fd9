import { useEffect, useState, type FormEvent } from 'react';
import { MEMBER_ROLES, type Member, type MemberRole } from '../../../../shared/api/council-own';
import { formatDateLong, t } from '../../../../shared/i18n';
import { apiWrite, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { SelectField } from '../meetings/controls';
import { CouncilTabs, roleLabel, useLoaded } from './shared';
import { todayInNetherlands } from '../../../../shared/calendar';
import { ScrollRegion } from '../../ui/ScrollRegion';

const EMPTY = { name: '', role: 'lid' as MemberRole, background: '', email: '', phone: '', follows: '', termStart: '', termEnd: '' };

export function MembersPage() {
  const { value: members, error, fields, run } = useLoaded('members.list', {});
  const [form, setForm] = useState(EMPTY);
  /** The member being edited in the form below, or null when the form adds a new one. */
  const [editing, setEditing] = useState<Member | null>(null);
  const [leaving, setLeaving] = useState<Member | null>(null);
  const [deleting, setDeleting] = useState<Member | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    const { termEnd, ...rest } = form;
    const saved = editing
      ? await run(() => apiWrite('members.update', { id: editing.id, ...rest, ...(termEnd ? { termEnd } : {}) }))
      : await run(() => apiWrite('members.create', { ...rest, ...(termEnd ? { termEnd } : {}) }));
    if (saved) {
      setForm(EMPTY);
      setEditing(null);
    }
  }

  function edit(member: Member) {
    setEditing(member);
    setForm({
      name: member.name,
      role: member.role,
      background: member.background,
      email: member.email,
      phone: member.phone,
      follows: member.follows,
      termStart: member.termStart,
      termEnd: member.termEnd,
    });
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

      <section className="aw-card" aria-labelledby="lid-toevoegen">
        <Heading level={2} id="lid-toevoegen" tabIndex={-1}>
          {editing ? t('councilOwn.editMemberLabel', { name: editing.name }) : t('councilOwn.addMember')}
        </Heading>
        <form onSubmit={(event) => void add(event)} noValidate>
          <div className="aw-field-row">
            <TextField label={t('councilOwn.name')} value={form.name} error={fields.name} onChange={(event) => setForm({ ...form, name: event.target.value })} required />
            <SelectField label={t('councilOwn.role')} value={form.role} error={fields.role} onChange={(event) => setForm({ ...form, role: event.target.value as MemberRole })}>
              {MEMBER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(role)}
                </option>
              ))}
            </SelectField>
            <TextField type="date" label={t('councilOwn.termStart')} value={form.termStart} error={fields.termStart} onChange={(event) => setForm({ ...form, termStart: event.target.value })} />
            <TextField
              type="date"
              label={t('councilOwn.termEnd')}
              description={t('councilOwn.termEndHint')}
              value={form.termEnd}
              error={fields.termEnd}
              onChange={(event) => setForm({ ...form, termEnd: event.target.value })}
            />
          </div>
          <TextField label={t('councilOwn.follows')} value={form.follows} error={fields.follows} onChange={(event) => setForm({ ...form, follows: event.target.value })} />
          <fieldset className="utrecht-form-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t('councilOwn.personalData')}</legend>
            <TextField label={t('councilOwn.background')} value={form.background} error={fields.background} onChange={(event) => setForm({ ...form, background: event.target.value })} />
            <div className="aw-field-row">
              <TextField type="email" label={t('councilOwn.email')} value={form.email} error={fields.email} onChange={(event) => setForm({ ...form, email: event.target.value })} />
              <TextField type="tel" label={t('councilOwn.phone')} value={form.phone} error={fields.phone} onChange={(event) => setForm({ ...form, phone: event.target.value })} />
            </div>
          </fieldset>
          <div className="aw-button-row">
            <Button appearance="primary" type="submit">
              {t('councilOwn.saveMember')}
            </Button>
            {editing && (
              <Button
                onClick={() => {
                  setEditing(null);
                  setForm(EMPTY);
                }}
              >
                {t('common.cancel')}
              </Button>
            )}
          </div>
        </form>
      </section>

      <TermSettingsForm />

      <LeaveDialog member={leaving} onClose={() => setLeaving(null)} run={run} />
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
      <TextField label={t('councilOwn.positionDescription')} value={description} onChange={(event) => setDescription(event.target.value)} />
      <TextField type="date" label={t('councilOwn.declaredOn')} value={declaredOn} onChange={(event) => setDeclaredOn(event.target.value)} />
      <Button
        onClick={() =>
          void run(() => apiWrite('members.addPosition', { memberId: member.id, description, declaredOn })).then((ok) => {
            if (ok) setDescription('');
          })
        }
      >
        {t('councilOwn.addPosition')}
      </Button>
    </details>
  );
}

function LeaveDialog({ member, onClose, run }: { member: Member | null; onClose(): void; run(change: () => Promise<unknown>): Promise<boolean> }) {
  const [leftOn, setLeftOn] = useState(todayInNetherlands());
  if (!member) return null;
  return (
    <section className="aw-card" aria-labelledby="afmelden-titel">
      <Heading level={2} id="afmelden-titel">
        {t('councilOwn.markLeftLabel', { name: member.name })}
      </Heading>
      <TextField type="date" label={t('councilOwn.leftOn')} value={leftOn} onChange={(event) => setLeftOn(event.target.value)} />
      <div className="aw-button-row">
        <Button appearance="primary" onClick={() => void run(() => apiWrite('members.markLeft', { id: member.id, leftOn })).then(onClose)}>
          {t('councilOwn.markLeft')}
        </Button>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </div>
    </section>
  );
}

function TermSettingsForm() {
  const [termYears, setTermYears] = useState('');
  const [maxTerms, setMaxTerms] = useState('');
  const [message, setMessage] = useState('');
  const settings = useApiQuery('members.termSettings').data;
  useEffect(() => {
    if (!settings) return;
    setTermYears(String(settings.termYears));
    setMaxTerms(String(settings.maxTerms));
  }, [settings]);
  async function save(event: FormEvent) {
    event.preventDefault();
    try {
      await apiWrite('members.updateTermSettings', { termYears: Number(termYears), maxTerms: Number(maxTerms) });
      setMessage(t('common.saved'));
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  }
  return (
    <section className="aw-card" aria-labelledby="termijnen-titel">
      <Heading level={2} id="termijnen-titel">
        {t('councilOwn.termSettings')}
      </Heading>
      <form onSubmit={(event) => void save(event)} noValidate>
        <div className="aw-field-row">
          <TextField type="number" min={1} max={10} label={t('councilOwn.termYears')} value={termYears} onChange={(event) => setTermYears(event.target.value)} />
          <TextField type="number" min={1} max={10} label={t('councilOwn.maxTerms')} value={maxTerms} onChange={(event) => setMaxTerms(event.target.value)} />
        </div>
        <Button type="submit">{t('common.save')}</Button>
        {message && (
          <p className="aw-muted" role="status">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}
