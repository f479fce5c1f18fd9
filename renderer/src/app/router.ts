import { useSyncExternalStore } from 'react';

/** The current hash route, e.g. "#/instellingen" -> "/instellingen". Hash routes work from file and app URLs alike. */
function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

/**
 * Asked before the route changes to `to`. Returns true to stay on this page; the blocker then asks
 * the user itself and, if they choose to leave after all, calls `navigate(to, { force: true })`.
 */
export type NavigationBlocker = (to: string) => boolean;

const blockers = new Set<NavigationBlocker>();
const listeners = new Set<() => void>();
/** The route on screen: changes only when no blocker keeps it. */
let shownPath = currentPath();
/** A navigation the user already allowed (left after being asked). */
let allowedPath: string | null = null;

function blocked(to: string): boolean {
  if (to === allowedPath) return false;
  return [...blockers].some((blocker) => blocker(to));
}

function show(path: string) {
  allowedPath = null;
  shownPath = path;
  for (const listener of listeners) listener();
}

// One listener for the whole app, so a blocked change never reaches the pages.
window.addEventListener('hashchange', () => {
  const next = currentPath();
  if (next === shownPath) return;
  if (blocked(next)) {
    // Back, Forward or a typed address: put the address of the page still on screen back.
    history.replaceState(history.state, '', hrefFor(shownPath));
    return;
  }
  show(next);
});

// A link to another route while a blocker holds: not followed, so no history entry to undo.
document.addEventListener(
  'click',
  (event) => {
    if (blockers.size === 0 || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href^="#/"]') : null;
    if (!link || (link.getAttribute('target') ?? '_self') !== '_self') return;
    const to = link.getAttribute('href')!.slice(1);
    if (to !== shownPath && blocked(to)) event.preventDefault();
  },
  true,
);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useHashPath(): string {
  return useSyncExternalStore(subscribe, () => shownPath);
}

/** Keeps the user on this page until the blocker lets go; returns the function that removes it. */
export function blockNavigation(blocker: NavigationBlocker): () => void {
  blockers.add(blocker);
  return () => blockers.delete(blocker);
}

/** Goes to a route; `force` passes the blockers (the user was asked and chose to leave). */
export function navigate(path: string, { force = false }: { force?: boolean } = {}): void {
  if (force) allowedPath = path;
  if (currentPath() === path) show(path);
  else window.location.hash = hrefFor(path);
}

export function hrefFor(path: string): string {
  return `#${path}`;
}
