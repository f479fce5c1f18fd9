import { useEffect, useRef, useState } from 'react';

/**
 * The value, once it has stopped changing for `delay` ms (search boxes: spares work between keystrokes).
 * `onSettle` runs with the new value the moment the pause ends, before the render that shows it: a
 * search can start its request there instead of after React has drawn the page (FindingsOverview).
 */
export function useDebounced<T>(value: T, delay: number, onSettle?: (value: T) => void): T {
  const [debounced, setDebounced] = useState(value);
  const settle = useRef(onSettle);
  useEffect(() => {
    settle.current = onSettle;
  });
  useEffect(() => {
    const timer = setTimeout(() => {
      settle.current?.(value);
      setDebounced(value);
    }, delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
