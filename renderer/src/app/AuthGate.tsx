import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { t } from '../../../shared/i18n';
import { fetchAuthStatus, postAuth, SIGNED_OUT_EVENT, type AuthStatus } from '../data/auth';
import { apiWrite } from '../data/queries';
import { InvitationPage, LoginPage, SetupPage } from '../features/accounts/SignInPages';
import { useHashPath } from './router';

type SignedInAccount = Extract<AuthStatus, { mode: 'server' }>['account'];

interface Session {
  /** Null on one computer, where nobody signs in. */
  account: SignedInAccount;
  signOut(): Promise<void>;
  signOutEverywhere(): Promise<void>;
}

const SessionContext = createContext<Session>({ account: null, signOut: async () => {}, signOutEverywhere: async () => {} });

/** The signed-in account on the council server (null on one computer). */
export function useSession(): Session {
  return useContext(SessionContext);
}

/**
 * On the council server, nothing of the app shows before its member is signed in: the setup page on a
 * new server, the invitation page from an invitation link, else the sign-in page. On one computer (the
 * Electron app, browser mode) it lets the app through at once.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const path = useHashPath();

  const refresh = useCallback(() => {
    fetchAuthStatus().then(
      (next) => {
        setFailed(false);
        setStatus(next);
      },
      () => setFailed(true),
    );
  }, []);

  useEffect(() => {
    refresh();
    window.addEventListener(SIGNED_OUT_EVENT, refresh);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, refresh);
  }, [refresh]);

  const signOut = useCallback(async () => {
    await postAuth('logout', {});
    refresh();
  }, [refresh]);
  const signOutEverywhere = useCallback(async () => {
    await apiWrite('session.logoutEverywhere');
    await postAuth('logout', {});
    refresh();
  }, [refresh]);

  if (failed) return <p role="alert">{t('errors.hostUnreachable')}</p>;
  if (!status) return <p role="status">{t('app.loading')}</p>;
  if (status.mode === 'server' && !status.account) {
    const invitation = /^\/uitnodiging\/([A-Za-z0-9_-]+)$/.exec(path);
    if (invitation) return <InvitationPage token={invitation[1]!} onSignedIn={refresh} />;
    if (status.needsSetup) return <SetupPage onSignedIn={refresh} />;
    return <LoginPage onSignedIn={refresh} />;
  }
  return (
    <SessionContext.Provider value={{ account: status.mode === 'server' ? status.account : null, signOut, signOutEverywhere }}>
      {children}
    </SessionContext.Provider>
  );
}
