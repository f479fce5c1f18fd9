import { useEffect } from 'react';
import { t } from '../../../../shared/i18n';
import { useApiQuery } from '../../data/queries';
import { useHashPath } from '../../app/router';
import './responses.css';

/** In the navigation beside "Reacties": how many terms and commitments are overdue. */
export function OverdueBadge() {
  const path = useHashPath();
  const badge = useApiQuery('dashboard.badge');
  const { refetch } = badge;
  // Terms run out while nothing is written: counted again on every page change, not only after writes.
  useEffect(() => {
    void refetch();
  }, [path, refetch]);
  // A badge that cannot be read shows nothing: the Reacties page itself says what went wrong.
  const count = badge.data?.total ?? 0;
  if (count === 0) return null;
  return (
    <span className="aw-badge" data-testid="overdue-badge">
      <span aria-hidden="true">{t('responsesUi.overdueBadge', { count })}</span>
      <span className="aw-visually-hidden">{t('responsesUi.overdueBadgeLabel', { count })}</span>
    </span>
  );
}
