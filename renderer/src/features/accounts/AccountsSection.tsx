import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { accountsContract, ROLES, type Account, type Invitation, type Role } from '../../../../shared/api/accounts';
import { formatDateTime } from '../../../../shared/i18n/format';
import { t } from '../../../../shared/i18n';
import { useSession } from '../../app/AuthGate';
import { useApiMutation, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ContractForm, useContractForm } from '../../ui/Form';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryState } from '../../ui/QueryState';
import { ScrollRegion } from '../../ui/ScrollRegion';

const inviteInput = accountsContract['accounts.invite'].input;

function InviteForm({ onInvited }: { onInvited(invitation: Invitation): void }) {
  const form = useContractForm(inviteInput, { defaultValues: { name: '', login: '', role: 'lid' } });
  const { register, formState, reset } = form;
  const invite = useApiMutation('accounts.invite');
  return (
    <ContractForm
      form={form}
      id="uitnodigen"
      aria-labelledby="uitnodigen-titel"
      className="aw-card"
      submitLabel={t('accountsUi.inviteSubmit')}
      onSubmit={async (values: z.output<typeof inviteInput>) => {
        const invitation = await invite.run(values);
        if (!invitation) return;
        reset();
        onInvited(invitation);
      }}
    >
      <Heading level={3} id="uitnodigen-titel">
        {t('accountsUi.inviteTitle')}
      </Heading>
      <TextField label={t('accountsUi.name')} error={formState.errors.name?.message} {...register('name')} />
      <TextField label={t('accountsUi.login')} description={t('accountsUi.loginHint')} error={formState.errors.login?.message} {...register('login')} />
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="uitnodigen-rol">
          {t('accountsUi.role')}
        </label>
        <select id="uitnodigen-rol" className="utrecht-select" {...register('role')}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`accounts.roles.${role}`)}
            </option>
          ))}
        </select>
      </div>
    </ContractForm>
  );
}

/** The one-time link, shown once: only a hash of it is kept. */
function InvitationLink({ invitation }: { invitation: Invitation }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const link = new URL(invitation.link, window.location.href).href;
  return (
    <div ref={ref} tabIndex={-1} className="aw-card" role="region" aria-label={t('accountsUi.linkTitle')}>
      <Heading level={3}>{t('accountsUi.linkTitle')}</Heading>
      <Paragraph>{t('accountsUi.linkIntro', { name: invitation.name, role: t(`accounts.roles.${invitation.role}`), until: formatDateTime(invitation.expiresAt) })}</Paragraph>
      <TextField label={t('accountsUi.link')} readOnly value={link} onFocus={(event) => event.currentTarget.select()} />
    </div>
  );
}

/** Instellingen → Accounts (the council server, beheerder): who may sign in, with which role. */
export function AccountsSection() {
  const { account: me } = useSession();
  const accounts = useApiQuery('accounts.list', {}, { enabled: me?.role === 'beheerder' });
  const update = useApiMutation('accounts.update');
  const disable = useApiMutation('accounts.disable');
  const enable = useApiMutation('accounts.enable');
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (me?.role !== 'beheerder') return null;

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <section className="aw-card" aria-labelledby="accounts-titel">
      <Heading level={2} id="accounts-titel">
        {t('accountsUi.title')}
      </Heading>
      <Paragraph>{t('accountsUi.intro')}</Paragraph>
      {error && <Alert kind="error">{error}</Alert>}
      <QueryState query={accounts}>
        {(rows) => (
        <ScrollRegion label={t('accountsUi.tableLabel')}>
          <table className="aw-table">
            <caption className="aw-visually-hidden">{t('accountsUi.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accountsUi.name')}</th>
                <th scope="col">{t('accountsUi.login')}</th>
                <th scope="col">{t('accountsUi.role')}</th>
                <th scope="col">{t('accountsUi.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((account: Account) => (
                <tr key={account.id}>
                  <th scope="row">{account.name}</th>
                  <td>{account.login}</td>
                  <td>
                    <select
                      className="utrecht-select"
                      aria-label={t('accountsUi.roleOf', { name: account.name })}
                      value={account.role}
                      onChange={(event) => void act(() => update.run({ id: account.id, role: event.target.value as Role }))}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`accounts.roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{account.disabledAt ? t('accountsUi.disabledSince', { date: formatDateTime(account.disabledAt) }) : t('accountsUi.active')}</td>
                  <td>
                    {account.disabledAt ? (
                      <Button onClick={() => void act(() => enable.run({ id: account.id }))}>{t('accountsUi.enable', { name: account.name })}</Button>
                    ) : (
                      <Button onClick={() => void act(() => disable.run({ id: account.id }))}>{t('accountsUi.disable', { name: account.name })}</Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        )}
      </QueryState>
      <InviteForm onInvited={setInvitation} />
      {invitation && <InvitationLink key={invitation.link} invitation={invitation} />}
    </section>
  );
}
