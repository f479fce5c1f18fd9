import { useEffect } from 'react';
import { acceptInvitationInput, loginInput, PASSWORD_MIN, setupInput } from '../../../../shared/api/accounts';
import { t } from '../../../../shared/i18n';
import { postAuth } from '../../data/auth';
import { ContractForm, useContractForm } from '../../ui/Form';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';

/** The pages before the app itself (signing in on the council server, the desktop's first-start choice): one column, the app's name, one form. */
export function SignInFrame({ title, intro, children }: { title: string; intro: string; children: React.ReactNode }) {
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title]);
  return (
    <main id="inhoud" className="aw-signin" tabIndex={-1}>
      <p className="aw-signin__product">{t('app.name')}</p>
      <Heading level={1} id="aanmelden-titel">
        {title}
      </Heading>
      <Paragraph>{intro}</Paragraph>
      {children}
    </main>
  );
}

export function LoginPage({ onSignedIn }: { onSignedIn(): void }) {
  const form = useContractForm(loginInput, { defaultValues: { login: '', password: '' } });
  const { register, formState, setFocus } = form;
  useEffect(() => setFocus('login'), [setFocus]);
  return (
    <SignInFrame title={t('accountsUi.loginTitle')} intro={t('accountsUi.loginIntro')}>
      <ContractForm
        form={form}
        id="aanmelden"
        aria-labelledby="aanmelden-titel"
        submitLabel={t('accountsUi.loginSubmit')}
        onSubmit={async (values) => {
          await postAuth('login', values);
          onSignedIn();
        }}
      >
        <TextField label={t('accountsUi.login')} autoComplete="username" error={formState.errors.login?.message} {...register('login')} />
        <TextField label={t('accountsUi.password')} type="password" autoComplete="current-password" error={formState.errors.password?.message} {...register('password')} />
      </ContractForm>
    </SignInFrame>
  );
}

export function SetupPage({ onSignedIn }: { onSignedIn(): void }) {
  const form = useContractForm(setupInput, { defaultValues: { setupCode: '', name: '', login: '', password: '' } });
  const { register, formState, setFocus } = form;
  useEffect(() => setFocus('setupCode'), [setFocus]);
  return (
    <SignInFrame title={t('accountsUi.setupTitle')} intro={t('accountsUi.setupIntro')}>
      <ContractForm
        form={form}
        id="instellen"
        aria-labelledby="aanmelden-titel"
        submitLabel={t('accountsUi.setupSubmit')}
        onSubmit={async (values) => {
          await postAuth('setup', values);
          onSignedIn();
        }}
      >
        <TextField label={t('accountsUi.setupCode')} autoComplete="off" error={formState.errors.setupCode?.message} {...register('setupCode')} />
        <TextField label={t('accountsUi.name')} autoComplete="name" error={formState.errors.name?.message} {...register('name')} />
        <TextField label={t('accountsUi.login')} description={t('accountsUi.loginHint')} autoComplete="username" error={formState.errors.login?.message} {...register('login')} />
        <TextField
          label={t('accountsUi.newPassword')}
          description={t('accountsUi.passwordHint', { min: PASSWORD_MIN })}
          type="password"
          autoComplete="new-password"
          error={formState.errors.password?.message}
          {...register('password')}
        />
      </ContractForm>
    </SignInFrame>
  );
}

export function InvitationPage({ token, onSignedIn }: { token: string; onSignedIn(): void }) {
  const form = useContractForm(acceptInvitationInput, { defaultValues: { token, password: '' } });
  const { register, formState, setFocus } = form;
  useEffect(() => setFocus('password'), [setFocus]);
  return (
    <SignInFrame title={t('accountsUi.invitationTitle')} intro={t('accountsUi.invitationIntro')}>
      <ContractForm
        form={form}
        id="uitnodiging"
        aria-labelledby="aanmelden-titel"
        submitLabel={t('accountsUi.invitationSubmit')}
        onSubmit={async (values) => {
          await postAuth('invitation', values);
          // The link has done its work: out of the address bar and the history.
          window.history.replaceState(null, '', '#/');
          onSignedIn();
        }}
      >
        <input type="hidden" {...register('token')} />
        {formState.errors.token?.message && <p className="utrecht-form-field-error-message">{formState.errors.token.message}</p>}
        <TextField
          label={t('accountsUi.newPassword')}
          description={t('accountsUi.passwordHint', { min: PASSWORD_MIN })}
          type="password"
          autoComplete="new-password"
          error={formState.errors.password?.message}
          {...register('password')}
        />
      </ContractForm>
    </SignInFrame>
  );
}
