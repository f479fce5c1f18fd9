import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CurrentUser } from '../../../shared/api/council';
import { t } from '../../../shared/i18n';
import { useLiveUpdates } from '../data/live';
import { invalidateDomain, queryClient, queryKeyFor, useApiQuery } from '../data/queries';
import { Button } from '../ui/Button';
import { useSession } from './AuthGate';
import { FirstStartDialog } from './FirstStartDialog';
import { ReadOnlyNote } from './ReadOnlyNote';
import { hrefFor, useHashPath } from './router';
import { matchRoute, ROUTES } from './routes';

export function App() {
  const path = useHashPath();
  const route = matchRoute(path);
  const title = t(route.label);
  const user = useApiQuery('user.get').data;
  const session = useSession();
  // Other members' changes refetch what is on screen (council server, browser mode; not over IPC).
  useLiveUpdates();
  // Until the user chooses, the question is open exactly when no name was confirmed yet.
  const [askNameChoice, setAskName] = useState<boolean | null>(null);
  const askName = askNameChoice ?? (user ? !user.confirmed : false);
  const mainRef = useRef<HTMLElement>(null);
  // Below the narrow-screen breakpoint (app.css) the menu folds away behind a button.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const closeMenuOnEscape = useCallback(
    (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !menuOpen) return;
      event.preventDefault();
      setMenuOpen(false);
      menuButtonRef.current?.focus();
    },
    [menuOpen],
  );

  // A new page moves focus to its content and names itself, as a page load would.
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
    mainRef.current?.focus();
  }, [title]);

  const onUserSaved = useCallback((saved: CurrentUser) => {
    queryClient.setQueryData(queryKeyFor('user.get'), saved);
    void invalidateDomain('audit');
    setAskName(false);
  }, []);

  const Page = route.component;
  return (
    <>
      <a className="aw-skip-link" href="#inhoud" onClick={(event) => {
        event.preventDefault();
        mainRef.current?.focus();
      }}>
        {t('app.skipToContent')}
      </a>
      <div className="aw-frame">
        <header className={`aw-sidebar${menuOpen ? ' aw-sidebar--open' : ''}`} onKeyDown={closeMenuOnEscape}>
          <div className="aw-sidebar__bar">
            <p className="aw-sidebar__title">{t('app.name')}</p>
            <button
              ref={menuButtonRef}
              type="button"
              className="aw-menu-button"
              aria-expanded={menuOpen}
              aria-controls="aw-sidebar-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span aria-hidden="true" className="aw-menu-button__icon">
                {menuOpen ? '✕' : '☰'}
              </span>{' '}
              {t('app.menu')}
            </button>
          </div>
          <div id="aw-sidebar-menu" className="aw-sidebar__menu">
            <nav aria-label={t('app.mainNavigation')}>
              <ul className="aw-nav-list">
                {ROUTES.map((item) => (
                  <li key={item.path}>
                    <a href={hrefFor(item.path)} aria-current={item === route ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                      {t(item.label)}
                      {item.badge && <item.badge />}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {user && (
              <div className="aw-sidebar__user">
                <p>{t('app.currentUser', { name: user.name })}</p>
                <Button appearance="subtle" onClick={() => setAskName(true)}>
                  {t('app.changeUser')}
                </Button>
                {session.account && (
                  <>
                    <p>{t('accountsUi.signedInAs', { role: t(`accounts.roles.${session.account.role}`) })}</p>
                    <Button appearance="subtle" onClick={() => void session.signOut()}>
                      {t('accountsUi.signOut')}
                    </Button>
                    <Button appearance="subtle" onClick={() => void session.signOutEverywhere()}>
                      {t('accountsUi.signOutEverywhere')}
                    </Button>
                  </>
                )}
              </div>
            )}
          </div>
        </header>
        <main id="inhoud" className="aw-main" ref={mainRef} tabIndex={-1}>
          <ReadOnlyNote writes={route.writes ?? []} />
          <Page title={title} />
        </main>
      </div>
      {user && askName && <FirstStartDialog initialName={user.name} onSaved={onUserSaved} onClose={() => setAskName(false)} />}
    </>
  );
}
