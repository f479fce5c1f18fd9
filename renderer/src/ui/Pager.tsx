import type { ReactNode } from 'react';
import { formatInteger, t } from '../../../shared/i18n';
import type { PagedSearch } from './usePagedSearch';
import { Button } from './Button';
import { QueryState } from './QueryState';

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

/**
 * A page of a `usePagedSearch` list: loading and errors (`<QueryState>`), then the count with
 * "Vorige"/"Volgende" above the rows the children draw.
 */
export function PagedQuery<T extends { total: number }>({ paged, label, children }: { paged: PagedSearch<T>; label: string; children(page: T): ReactNode }) {
  return (
    <QueryState query={paged.result}>
      {(page) => (
        <>
          <Pager offset={paged.offset} limit={paged.pageSize} total={page.total} onChange={paged.setOffset} label={label} />
          {children(page)}
        </>
      )}
    </QueryState>
  );
}
