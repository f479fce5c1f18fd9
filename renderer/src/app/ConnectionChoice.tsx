import { useEffect, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { serverAddress, type ConnectionChoice, type DesktopBridge } from '../../../shared/desktop-connection';
import { t } from '../../../shared/i18n';
import { ApiCallError } from '../../../shared/result';
import { SignInFrame } from '../features/accounts/SignInPages';
import { TextField } from '../ui/Field';
import { ContractForm, useContractForm } from '../ui/Form';

declare global {
  interface Window {
    /** Only in the Electron app: the first-start choice between this computer and the council server. */
    advieswerkDesktop?: DesktopBridge;
  }
}

const MODES = ['local', 'server'] as const;

/** The field's rule is the main process's rule (serverAddress), so a mistake shows before anything is sent. */
const choiceForm = z
  .object({ mode: z.enum(MODES, { error: () => t('connection.notAChoice') }), address: z.string() })
  .superRefine((values, context) => {
    if (values.mode !== 'server') return;
    const checked = serverAddress(values.address);
    if (!checked.ok) context.addIssue({ code: 'custom', path: ['address'], message: checked.message });
  });

/**
 * In the Electron app, nothing shows before the member has chosen where the council's data lives
 * (issue 14). A browser (browser mode, the council server) has no desktop bridge and goes straight on.
 */
export function ConnectionGate({ children }: { children: ReactNode }) {
  const desktop = window.advieswerkDesktop;
  const [chosen, setChosen] = useState<boolean | null>(desktop ? null : true);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!desktop) return;
    desktop.getConnection().then(
      (state) => setChosen(state.chosen),
      () => setFailed(true),
    );
  }, [desktop]);
  if (failed) return <p role="alert">{t('errors.hostUnreachable')}</p>;
  if (chosen === null) return <p role="status">{t('app.loading')}</p>;
  if (!chosen && desktop) return <ConnectionChoicePage desktop={desktop} onLocal={() => setChosen(true)} />;
  return <>{children}</>;
}

export function ConnectionChoicePage({ desktop, onLocal }: { desktop: DesktopBridge; onLocal(): void }) {
  const form = useContractForm(choiceForm, { defaultValues: { mode: 'local', address: '' } });
  const { register, formState, watch, setFocus } = form;
  const mode = watch('mode');
  const [connectingTo, setConnectingTo] = useState<string | null>(null);
  useEffect(() => setFocus('mode'), [setFocus]);

  const submit = async (values: z.output<typeof choiceForm>) => {
    const sent: ConnectionChoice = values.mode === 'server' ? { mode: 'server', address: values.address } : { mode: 'local' };
    const result = await desktop.chooseConnection(sent);
    if (!result.ok) throw new ApiCallError(result.error);
    // Connected, the app starts again and shows the server's own sign-in page.
    if (result.value.mode === 'server') setConnectingTo(new URL(result.value.address).host);
    else onLocal();
  };

  // Chosen: the main process is restarting the app; nothing is left to press twice.
  if (connectingTo) {
    return (
      <SignInFrame title={t('connection.title')} intro={t('connection.intro')}>
        <p role="status">{t('connection.restarting', { host: connectingTo })}</p>
      </SignInFrame>
    );
  }
  return (
    <SignInFrame title={t('connection.title')} intro={t('connection.intro')}>
      <ContractForm form={form} id="verbinding" aria-labelledby="aanmelden-titel" submitLabel={t('connection.submit')} onSubmit={submit}>
        <fieldset className="utrecht-form-fieldset aw-connection-choice">
          <legend className="utrecht-form-label">{t('connection.legend')}</legend>
          {MODES.map((value) => (
            <div key={value} className="aw-connection-choice__option">
              <label className="aw-radio">
                <input type="radio" value={value} aria-describedby={`verbinding-${value}-uitleg`} {...register('mode')} /> {t(`connection.${value}`)}
              </label>
              <p className="aw-muted aw-connection-choice__hint" id={`verbinding-${value}-uitleg`}>
                {t(value === 'local' ? 'connection.localHint' : 'connection.serverHint')}
              </p>
            </div>
          ))}
        </fieldset>
        {mode === 'server' && (
          <TextField
            label={t('connection.address')}
            description={t('connection.addressHint')}
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            error={formState.errors.address?.message}
            {...register('address')}
          />
        )}
        {formState.isSubmitting && mode === 'server' && <p role="status">{t('connection.checking')}</p>}
      </ContractForm>
    </SignInFrame>
  );
}
