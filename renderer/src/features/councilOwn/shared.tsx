import { useCallback, useState } from 'react';
import type { MethodInput, MethodName } from '../../../../shared/api/contract';
import type { ActionStatus, MemberRole } from '../../../../shared/api/council-own';
import { t, type MessageKey } from '../../../../shared/i18n';
import { hrefFor, useHashPath } from '../../app/router';
import { useApiQuery } from '../../data/queries';
import { fieldErrors } from '../meetings/controls';

export function roleLabel(role: MemberRole): string {
  return t(`councilOwn.role_${role}` as MessageKey);
}

export function actionStatusLabel(status: ActionStatus): string {
  return t(`councilOwn.status_${status}` as MessageKey);
}

/**
 * A page's read through the data layer (`useApiQuery`), and `run` for its writes: a refused call's
 * message and field errors are shown, a successful one reads the page again.
 */
export function useLoaded<M extends MethodName>(method: M, input?: MethodInput<M>) {
  const query = useApiQuery(method, input);
  const [runError, setRunError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const { refetch } = query;
  const run = useCallback(
    async (change: () => Promise<unknown>): Promise<boolean> => {
      try {
        await change();
        setRunError('');
        setFields({});
        await refetch();
        return true;
      } catch (caught) {
        const { message, fields: byField } = fieldErrors(caught);
        setRunError(message);
        setFields(byField);
        return false;
      }
    },
    [refetch],
  );
  const error = runError || (query.isError ? t('app.loadFailed', { details: query.error.message }) : '');
  return { value: query.data ?? null, error, fields, run, reload: refetch };
}

const TABS: { path: string; label: MessageKey }[] = [
  { path: '/raad', label: 'councilOwn.membersTitle' },
  { path: '/raad/vergaderingen', label: 'councilOwn.meetingsTitle' },
  { path: '/raad/acties', label: 'councilOwn.actionsTitle' },
  { path: '/raad/planning', label: 'councilOwn.planningTitle' },
];

/** The parts of "De raad" as links; the current one is marked for screen readers too. */
export function CouncilTabs() {
  const path = useHashPath();
  const current = TABS.filter((tab) => path === tab.path || path.startsWith(`${tab.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <nav aria-label={t('councilOwn.tabsLabel')} className="aw-subnav">
      <ul>
        {TABS.map((tab) => (
          <li key={tab.path}>
            <a href={hrefFor(tab.path)} aria-current={current?.path === tab.path ? 'page' : undefined}>
              {t(tab.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
