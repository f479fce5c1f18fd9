import { Notification } from 'electron';
import type { OverdueNotice } from '../../shared/api/responses';
import { t } from '../../shared/i18n';
import type { Result } from '../../shared/result';

/**
 * At start: one OS notification for terms and commitments that became overdue since the last start.
 * Which items are new is decided in the core (dashboard.newlyOverdue); this only shows it.
 */
export async function notifyNewlyOverdue(request: (method: string, input: unknown) => Promise<Result<unknown>>): Promise<void> {
  if (!Notification.isSupported()) return;
  const result = await request('dashboard.newlyOverdue', {});
  if (!result.ok) return;
  const notices = result.value as OverdueNotice[];
  if (notices.length === 0) return;
  const titles = notices.slice(0, 3).map((notice) => notice.title).join('; ') + (notices.length > 3 ? ' …' : '');
  new Notification({ title: t('responsesUi.notificationTitle'), body: t('responsesUi.notificationBody', { count: notices.length, titles }) }).show();
}
