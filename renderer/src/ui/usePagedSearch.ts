import { keepPreviousData, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { useApiQuery } from '../data/queries';
import { useDebounced } from './useDebounced';

/** A method the core searches and pages: it takes `offset`/`limit` and answers `{ rows, total }`. */
export type PagedMethod = {
  [M in MethodName]: MethodInput<M> extends { offset?: number; limit?: number } ? (MethodOutput<M> extends { rows: unknown[]; total: number } ? M : never) : never;
}[MethodName];

type SearchInput<M extends PagedMethod> = Omit<MethodInput<M>, 'offset' | 'limit'>;

export interface PagedSearchOptions<M extends PagedMethod> {
  /** What is typed in the search box, as typed: the read waits until it has stopped changing. */
  search: string;
  /** The read's input for the debounced search text, without `offset`/`limit`. */
  input(query: string): SearchInput<M>;
  pageSize: number;
  /** False while the list is not on screen (e.g. another tab of the same view). */
  enabled?: boolean;
}

/**
 * One list the core searches, filters and pages (Signalen, Prioriteren, Bijeenkomsten): the search
 * text debounced, the page's offset (back to the first page whenever the search, a filter or the
 * order changes), and the read itself, which keeps the previous page on screen while the next loads.
 * Show it with `<PagedQuery>` (`Pager.tsx`): the count, "Vorige"/"Volgende", loading and errors.
 */
export function usePagedSearch<M extends PagedMethod>(method: M, { search, input, pageSize, enabled = true }: PagedSearchOptions<M>): PagedSearch<MethodOutput<M>> {
  const query = useDebounced(search, 200);
  const base = input(query);
  const baseKey = JSON.stringify(base);
  // The offset belongs to one search: another search, filter or order starts at the first page.
  const [page, setPage] = useState({ key: baseKey, offset: 0 });
  // Forget the old search's page at once: coming back to an earlier search (clearing the box) starts at page 1 too.
  if (page.key !== baseKey) setPage({ key: baseKey, offset: 0 });
  const offset = page.key === baseKey ? page.offset : 0;
  const result = useApiQuery(method, { ...base, offset, limit: pageSize } as MethodInput<M>, { placeholderData: keepPreviousData, enabled });
  return {
    query,
    offset,
    pageSize,
    setOffset: (next: number) => setPage({ key: baseKey, offset: next }),
    result,
  };
}

export interface PagedSearch<T> {
  /** The debounced search text the shown page was asked for. */
  query: string;
  offset: number;
  pageSize: number;
  setOffset(offset: number): void;
  result: UseQueryResult<T>;
}
