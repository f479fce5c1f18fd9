import { useEffect, useRef, useState } from 'react';

/**
 * The value, once it has stopped changing for `delay` ms (search boxes: spares work between keystrokes).
 * `onSettle` runs with a new value the moment the pause ends, before the render that shows it: a
 * search can start its request there instead of after React has drawn the page (FindingsOverview).
 * It does not run for the value the hook started with, nor when the value settles where it already was.
 */
export function useDebounced<T>(value: T, delay: number, onSettle?: (value: T) => void): T {
  const [debounced, setDebounced] = useState(value);
  const settle = useRef(onSettle);
  const settled = useRef(value);
  useEffect(() => {
    settle.current = onSettle;
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      if (Object.is(settled.current, value)) return;
      settled.current = value;
      settle.current?.(value);
      setDebounced(value);
    }, delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
