import { timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * The token cookie's name carries the port: cookies are not scoped by port, so two hosts on
 * 127.0.0.1 would otherwise overwrite each other's token.
 */
export function tokenCookieName(port: number): string {
  return `advieswerk_token_${port}`;
}

/** The Set-Cookie header that hands the token to the browser: HttpOnly, same-site only. */
export function tokenSetCookie(port: number, token: string): string {
  return stringifySetCookie({ name: tokenCookieName(port), value: token, httpOnly: true, sameSite: 'strict', path: '/' });
}

/**
 * The council server's session cookie: HttpOnly (no page script reads it), SameSite=Strict (no other
 * site's page sends it), Secure behind TLS. `null` clears it.
 */
export function sessionSetCookie(name: string, secret: string | null, secure: boolean, maxAgeSeconds: number): string {
  return stringifySetCookie({
    name,
    value: secret ?? '',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: secret === null ? 0 : maxAgeSeconds,
  });
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** A value that is not valid percent-encoding is not a token (and must not throw). */
function decodeOrNothing(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Every value the Cookie header holds under `name`. A page on another port of 127.0.0.1 can plant
 * a cookie of the same name (browsers send the one with the longest path first), so the caller
 * checks all of them rather than only the first, and a planted one cannot lock the user out.
 */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header.split(';').flatMap((pair) => {
    const value = parseCookie(pair, { decode: decodeOrNothing })[name];
    return value === undefined ? [] : [value];
  });
}

/** The hosts this server answers to: its own loopback address and port, nothing else (no DNS rebinding). */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).has(hostHeader.toLowerCase());
}

/** A missing Origin is a same-origin navigation or a non-browser client; a present one must be ours. */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  try {
    const origin = new URL(originHeader);
    return origin.protocol === 'http:' && allowedHosts(port).has(origin.host.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * The real file behind a resolved static path, or null when a symlink leads out of `realRoot`
 * (itself a real path); undefined when there is no such file (a client-side route).
 */
export function realPathInside(realRoot: string, file: string): string | null | undefined {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return undefined;
  }
  const rootWithSep = realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep;
  return real === realRoot || real.startsWith(rootWithSep) ? real : null;
}

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  return resolved === root || resolved.startsWith(rootWithSep) ? resolved : null;
}

/** The browser-mode CSP: only this origin, no inline or evaluated script. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
