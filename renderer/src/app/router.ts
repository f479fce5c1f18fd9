import { useEffect, useState } from 'react';

/** The current hash route, e.g. "#/instellingen" -> "/instellingen". Hash routes work from file and app URLs alike. */
function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '');
  return path.startsWith('/') ? path : '/';
}

export function useHashPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

export function hrefFor(path: string): string {
  return `#${path}`;
}
