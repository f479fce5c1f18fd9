import { useEffect, useState, type ReactElement } from 'react';
import { t } from '../../../shared/i18n';
import { blockNavigation, navigate } from '../app/router';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Keeps a form's unsaved changes from being lost without a word: while `dirty`, leaving the page in
 * the app (a link, Back) first asks "Verlaten zonder opslaan?" (focus on staying), and closing or
 * reloading the window lets the browser ask (`beforeunload`). Render the returned dialog in the form.
 * Fields that save themselves (the advice editor's autosave) do not need this: they save on leaving.
 */
export function useUnsavedChangesGuard(dirty: boolean): ReactElement {
  const [leavingTo, setLeavingTo] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) return;
    const unblock = blockNavigation((to) => {
      setLeavingTo(to);
      return true;
    });
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium (and Electron) ask only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      unblock();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [dirty]);

  return (
    <ConfirmDialog
      open={leavingTo !== null}
      title={t('unsavedChanges.title')}
      message={t('unsavedChanges.message')}
      confirmLabel={t('unsavedChanges.leave')}
      onConfirm={() => {
        const to = leavingTo;
        setLeavingTo(null);
        if (to !== null) navigate(to, { force: true });
      }}
      onCancel={() => setLeavingTo(null)}
    />
  );
}
