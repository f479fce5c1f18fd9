import { formatInteger, t } from '../../../shared/i18n';
import { Button } from './Button';

/**
 * Paging for a list the core pages: "1–50 van 10.000" (announced politely when it changes) with
 * "Vorige" and "Volgende". The count is always shown, also when everything fits on one page.
 */
export function Pager({ offset, limit, total, onChange, label }: { offset: number; limit: number; total: number; onChange(offset: number): void; label: string }) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="aw-pager" aria-label={label}>
      <span role="status" className="aw-pager__count">
        {t('lists.range', { first: formatInteger(first), last: formatInteger(last), total: formatInteger(total) })}
      </span>
      {total > limit && (
        <span className="aw-button-row">
          <Button disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
            {t('lists.previous')}
          </Button>
          <Button disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
            {t('lists.next')}
          </Button>
        </span>
      )}
    </nav>
  );
}
