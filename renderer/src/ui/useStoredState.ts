import { useCallback, useState } from 'react';

const PREFIX = 'advieswerk:';

function read<T>(key: string, parse: (raw: unknown) => T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return parse(raw === null ? undefined : JSON.parse(raw));
  } catch {
    // Unreadable or unavailable storage: the defaults, as on a first start.
    return parse(undefined);
  }
}

/**
 * State remembered on this device across restarts (localStorage, which Electron keeps in its
 * profile folder): a view preference such as a table's columns, not data of the council. `parse`
 * turns whatever is stored (or `undefined`) into a valid value, so an old or damaged entry falls
 * back to the defaults instead of breaking the page.
 */
export function useStoredState<T>(key: string, parse: (raw: unknown) => T): [T, (update: (current: T) => T) => void] {
  const [value, setValue] = useState(() => read(key, parse));
  const update = useCallback(
    (change: (current: T) => T) =>
      setValue((current) => {
        const next = change(current);
        try {
          localStorage.setItem(PREFIX + key, JSON.stringify(next));
        } catch {
          // Storage full or switched off: the choice still holds until the window closes.
        }
        return next;
      }),
    [key],
  );
  return [value, update];
}
