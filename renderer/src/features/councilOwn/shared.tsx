import { useCallback, useEffect, useState } from 'react';
import type { ActionStatus, MemberRole } from '../../../../shared/api/council-own';
import { t, type MessageKey } from '../../../../shared/i18n';
import { hrefFor, useHashPath } from '../../app/router';
import { fieldErrors } from '../meetings/controls';

export function roleLabel(role: MemberRole): string {
  return t(`councilOwn.role_${role}` as MessageKey);
}

export function actionStatusLabel(status: ActionStatus): string {
  return t(`councilOwn.status_${status}` as MessageKey);
}

/** Loads once and again after every change; `run` shows a refused call's message and field errors. */
export function useLoaded<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const reload = useCallback(() => load().then(setValue), [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const run = useCallback(
    async (change: () => Promise<unknown>): Promise<boolean> => {
      try {
        await change();
        setError('');
        setFields({});
        await reload();
        return true;
      } catch (caught) {
        const { message, fields: byField } = fieldErrors(caught);
        setError(message);
        setFields(byField);
        return false;
      }
    },
    [reload],
  );
  return { value, error, fields, run, reload };
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
