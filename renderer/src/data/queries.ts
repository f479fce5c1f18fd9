import {
  infiniteQueryOptions,
  QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type UseInfiniteQueryOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import type { ArgsOf } from '../../../shared/api/client';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { domainOf, type Domain } from '../../../shared/api/live';
import { api } from '../api';
import { nextPageOffset, pageLimit, type PageSizes } from './paging';

/**
 * The renderer's data layer: every read goes through `useApiQuery`, every write through
 * `useApiMutation`, so loading and error states, cancellation of stale answers and the cache are
 * handled in one place. A query's key is `[domain, method, input]`; a domain is the part of the
 * method name before the dot (`advices.get` → `advices`).
 */
export function queryKeyFor<M extends MethodName>(method: M, input?: MethodInput<M>): readonly unknown[] {
  return [domainOf(method), method, input ?? {}];
}

/** The one empty list for a read that is not there yet: the same value every render (safe in hook dependencies). */
export const NO_ROWS: never[] = [];

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An API error is an answer, not a network hiccup: show it at once instead of retrying.
      retry: false,
      // Electron's window gains focus often (dialogs, file pickers); writes invalidate what they change.
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

/**
 * Writes to one domain that change what another domain shows. The written domain itself, the
 * audit trail, the prullenbak and the start page's day overview are always refreshed.
 */
const ALSO_CHANGES: Partial<Record<Domain, Domain[]>> = {
  meetings: ['findings', 'signals', 'programmes', 'themeTables', 'monitoring'],
  programmes: ['meetings'],
  themeTables: ['meetings', 'findings'],
  findings: ['meetings', 'signals', 'monitoring', 'advices'],
  signals: ['findings', 'advices'],
  wijken: ['meetings', 'findings', 'wijkteams', 'monitoring'],
  wijkteams: ['monitoring', 'assessments'],
  frameworks: ['criteria', 'monitoring', 'assessments', 'wijkteams'],
  criteria: ['frameworks', 'monitoring', 'assessments'],
  assessments: ['monitoring', 'wijkteams'],
  advices: ['responses', 'dashboard', 'adviceRequests', 'findings', 'signals', 'councilMeetings'],
  adviceRequests: ['advices', 'dashboard'],
  responses: ['commitments', 'followup', 'dashboard', 'advices'],
  commitments: ['responses', 'followup', 'dashboard'],
  followup: ['responses', 'commitments', 'dashboard'],
  council: ['advices', 'reports'],
  // The start page's "aandacht" (terms ending, actions overdue) and an advice's adoption.
  members: ['councilOwn'],
  councilActions: ['councilOwn', 'councilMeetings'],
  councilMeetings: ['councilOwn', 'advices'],
  user: ['audit'],
};

/** Changes that are no council data (who has an advice open): not in the audit trail, the prullenbak or the start page. */
const SHOWN_NOWHERE_ELSE = new Set<Domain>(['presence']);

/** Writes after which anything may have changed: restoring, purging, importing whole files. */
const CHANGES_EVERYTHING = new Set<MethodName>(['backups.restore', 'trash.restore', 'trash.empty', 'privacy.purge', 'advices.importJson']);

/**
 * Marks every query of a domain stale and refetches the ones on screen. The one entry point for
 * "something in this domain changed", after a write here and later after a server event.
 */
export function invalidateDomain(domain: Domain): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [domain] });
}

/** After a write here, or another member's write announced by the server (data/live.ts). */
export function invalidateAfterWrite(method: MethodName): Promise<void> {
  return invalidateAfterWrites([method]);
}

/**
 * After several writes at once (a burst of other members' changes): each query they may have changed is
 * refetched once. The one mapping from a write to the query keys it touches (`[domain, …]`).
 */
export async function invalidateAfterWrites(methods: Iterable<MethodName>): Promise<void> {
  const domains = new Set<Domain>();
  for (const method of methods) {
    if (CHANGES_EVERYTHING.has(method)) return queryClient.invalidateQueries();
    const domain = domainOf(method);
    if (SHOWN_NOWHERE_ELSE.has(domain)) {
      domains.add(domain);
      continue;
    }
    for (const touched of [domain, ...(ALSO_CHANGES[domain] ?? []), 'audit', 'trash', 'start'] as const) domains.add(touched);
  }
  await Promise.all([...domains].map(invalidateDomain));
}

type QueryOptions<M extends MethodName, T> = Omit<UseQueryOptions<MethodOutput<M>, Error, T>, 'queryKey' | 'queryFn'>;

/** A read: cached under its method and input, refetched after writes to its domain. */
export function useApiQuery<M extends MethodName, T = MethodOutput<M>>(method: M, input?: MethodInput<M>, options?: QueryOptions<M, T>) {
  return useQuery<MethodOutput<M>, Error, T>({
    queryKey: queryKeyFor(method, input),
    // The typed client's rest parameter cannot be spelled for a generic M; the input is MethodInput<M>.
    queryFn: () => (api.call as (method: MethodName, input?: unknown) => Promise<MethodOutput<M>>)(method, input),
    ...options,
  });
}

/** Methods that read one page of a longer list: `offset` and `limit` in, `rows` and `total` out. */
export type PagedMethod = {
  [M in MethodName]: MethodOutput<M> extends { rows: unknown[]; total: number } ? (MethodInput<M> extends { offset?: number; limit?: number } ? M : never) : never;
}[MethodName];

type InfiniteOptions<M extends PagedMethod> = Pick<
  UseInfiniteQueryOptions<MethodOutput<M>, Error, InfiniteData<MethodOutput<M>, number>, readonly unknown[], number>,
  'placeholderData'
>;

/** The one definition of a paged read's cache entry: the hook and the prefetch below must agree on it. */
function apiInfiniteQueryOptions<M extends PagedMethod>(method: M, input: Omit<MethodInput<M>, 'offset' | 'limit'>, sizes: PageSizes) {
  type Page = MethodOutput<M>;
  return infiniteQueryOptions<Page, Error, InfiniteData<Page, number>, readonly unknown[], number>({
    queryKey: [...queryKeyFor(method, input as MethodInput<M>), { pageSizes: sizes }],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      (api.call as (method: MethodName, input?: unknown) => Promise<Page>)(method, { ...input, offset: pageParam, limit: pageLimit(pageParam, sizes) }),
    // A page that is not full ends the list.
    getNextPageParam: (last, _pages, lastOffset) => nextPageOffset((last as { rows: unknown[] }).rows.length, lastOffset, sizes),
  });
}

/**
 * A list read page by page as it scrolls (a virtualised table): `input` without offset and limit;
 * the first page has `sizes.first` rows, `fetchNextPage()` reads the next `sizes.rest`. Cached and
 * refetched like `useApiQuery`; a new input starts again at the first page.
 */
export function useApiInfiniteQuery<M extends PagedMethod>(
  method: M,
  input: Omit<MethodInput<M>, 'offset' | 'limit'>,
  sizes: PageSizes,
  options?: InfiniteOptions<M>,
) {
  return useInfiniteQuery({ ...apiInfiniteQueryOptions(method, input, sizes), ...options });
}

/**
 * Starts reading the first page of what `useApiInfiniteQuery` will show for this input, before the
 * component renders it: a search box calls it the moment its pause after typing ends, so the request
 * is on its way while the page draws (the hook's own fetch starts only after React commits). The
 * hook then finds it in flight and does not ask again.
 */
export function prefetchApiInfiniteQuery<M extends PagedMethod>(method: M, input: Omit<MethodInput<M>, 'offset' | 'limit'>, sizes: PageSizes): void {
  void queryClient.prefetchInfiniteQuery(apiInfiniteQueryOptions(method, input, sizes));
}

export interface ApiMutation<M extends MethodName> {
  /**
   * Runs the write; a second call while the first is still running is ignored (resolves to
   * `undefined`), so a double-click never writes twice. Rejects with `ApiCallError` on `{ ok: false }`.
   */
  run(input: MethodInput<M>): Promise<MethodOutput<M> | undefined>;
  isPending: boolean;
  error: Error | null;
  reset(): void;
}

/** A write: one at a time per component, then the queries it may have changed are refetched. */
export function useApiMutation<M extends MethodName>(method: M): ApiMutation<M> {
  const running = useRef(false);
  const mutation = useMutation<MethodOutput<M>, Error, MethodInput<M>>({
    mutationFn: (input) => (api.call as (method: MethodName, input?: unknown) => Promise<MethodOutput<M>>)(method, input),
    onSettled: () => invalidateAfterWrite(method),
  });
  const { mutateAsync } = mutation;
  const run = useCallback(
    async (input: MethodInput<M>) => {
      if (running.current) return undefined;
      running.current = true;
      try {
        return await mutateAsync(input);
      } finally {
        running.current = false;
      }
    },
    [mutateAsync],
  );
  return { run, isPending: mutation.isPending, error: mutation.error, reset: mutation.reset };
}


/**
 * Writes whose method is chosen where they happen (a row with several actions, a step of a
 * dialog): `write(method, input)` runs the call and then refetches what it may have changed, as
 * `useApiMutation` does. Rejects with `ApiCallError` on `{ ok: false }`. Prefer `useApiMutation`
 * for a single write with a pending state.
 */
export async function apiWrite<M extends MethodName>(method: M, ...args: ArgsOf<M>): Promise<MethodOutput<M>> {
  try {
    return await api.call(method, ...args);
  } finally {
    await invalidateAfterWrite(method);
  }
}

/**
 * A read on demand that should not be cached (a download on click, a file's bytes, a preview
 * asked for once): the value, or `ApiCallError` on `{ ok: false }`. Reads a page shows go
 * through `useApiQuery`.
 */
export function apiFetch<M extends MethodName>(method: M, ...args: ArgsOf<M>): Promise<MethodOutput<M>> {
  return api.call(method, ...args);
}

/** Job progress as the core reports it (IPC events, or server-sent events in browser mode). */
export function subscribeToJobEvents(listener: Parameters<typeof api.onJobEvent>[0]): () => void {
  return api.onJobEvent(listener);
}

/**
 * A write that answers with the new value of a read (the advice editor's changes answer with the whole
 * advice): put it in the cache at once, so the page shows it without waiting for the refetch.
 */
export function setQueryValue<M extends MethodName>(method: M, input: MethodInput<M> | undefined, value: MethodOutput<M>): void {
  queryClient.setQueryData(queryKeyFor(method, input), value);
}
