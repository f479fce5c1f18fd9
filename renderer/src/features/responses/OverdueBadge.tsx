import { useEffect, useState } from 'react';
import { t } from '../../../../shared/i18n';
import { apiFetch } from '../../data/queries';
import { useHashPath } from '../../app/router';
import './responses.css';

/** In the navigation beside "Reacties": how many terms and commitments are overdue. */
export function OverdueBadge() {
  const path = useHashPath();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    void apiFetch('dashboard.badge')
      .then((badge) => live && setCount(badge.total))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [path]);
  if (count === 0) return null;
  return (
    <span className="aw-badge" data-testid="overdue-badge">
      <span aria-hidden="true">{t('responsesUi.overdueBadge', { count })}</span>
      <span className="aw-visually-hidden">{t('responsesUi.overdueBadgeLabel', { count })}</span>
    </span>
  );
}
