import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  decideNavigation,
  isAppUrl,
  isPermissionGranted,
  isSafeExternalUrl,
  isTrustedSender,
} from '../../../electron/main/security';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources] as const;
    }),
  );
}

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows neither eval nor inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('names no remote hosts or wildcard sources', () => {
    for (const sources of csp.values()) {
      for (const source of sources) {
        expect(source).not.toMatch(/^(https?:|wss?:|\*|blob:|filesystem:)|\.\w/);
      }
    }
  });

  it('locks down objects, base URI, forms and framing', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts ordinary https links', () => {
    expect(isSafeExternalUrl('https://www.rijksoverheid.nl/onderwerpen/wmo')).toBe(true);
    expect(isSafeExternalUrl('https://example.org:8443/pad?x=1#y')).toBe(true);
  });

  it.each([
    'http://example.org',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://advieswerk/index.html',
    'https://user:secret@example.org',
    'https://user@example.org',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ href: 'https://example.org' })).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts frames showing the app', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender(`${APP_ORIGIN}/adviezen?id=3#top`)).toBe(true);
  });

  it.each([
    null,
    undefined,
    '',
    'about:blank',
    'https://advieswerk/index.html',
    'file:///work/build/renderer/index.html',
    'app://advieswerk.evil.example/index.html',
    'app://evil/index.html',
    'app://advieswerk:8080/index.html',
    'app://user@advieswerk/index.html',
    'devtools://devtools/bundled/inspector.html',
  ])('refuses %s', (url) => {
    expect(isTrustedSender(url)).toBe(false);
  });
});

describe('decideNavigation', () => {
  it('keeps the app in the window', () => {
    expect(decideNavigation(`${APP_ORIGIN}/instellingen`)).toBe('allow');
  });

  it('sends web links to the system browser', () => {
    expect(decideNavigation('https://www.example.nl/')).toBe('open-external');
  });

  it('blocks everything else', () => {
    expect(decideNavigation('http://www.example.nl/')).toBe('block');
    expect(decideNavigation('file:///C:/Windows/System32/calc.exe')).toBe('block');
    expect(decideNavigation('javascript:void(0)')).toBe('block');
    expect(decideNavigation('app://other/index.html')).toBe('block');
  });

  it('connected to a council server, keeps that server (under its path) in the window and nothing else', () => {
    const server = 'https://raad.voorbeeldstad.nl/advieswerk/';
    expect(decideNavigation('https://raad.voorbeeldstad.nl/advieswerk/#/adviezen', server)).toBe('allow');
    expect(decideNavigation('https://raad.voorbeeldstad.nl/', server)).toBe('open-external');
    expect(decideNavigation('https://raad.voorbeeldstad.nl.evil.example/advieswerk/', server)).toBe('open-external');
    expect(decideNavigation('http://raad.voorbeeldstad.nl/advieswerk/', server)).toBe('block');
    // Not connected, the same page is only a web link.
    expect(decideNavigation('https://raad.voorbeeldstad.nl/advieswerk/')).toBe('open-external');
  });
});

describe('isPermissionGranted', () => {
  it('lets the app write to the clipboard', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
  });

  it('lets the chosen council server write to the clipboard, and no other site', () => {
    const server = 'https://raad.voorbeeldstad.nl/advieswerk/';
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://raad.voorbeeldstad.nl', server)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://raad.voorbeeldstad.nl/advieswerk/#/', server)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.org', server)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://raad.voorbeeldstad.nl')).toBe(false);
    expect(isPermissionGranted('media', 'https://raad.voorbeeldstad.nl', server)).toBe(false);
  });

  it('refuses clipboard writes from any other origin', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://example.org')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', null)).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'midi', 'hid', 'serial', 'usb', 'fileSystem'])(
    'refuses %s even to the app',
    (permission) => {
      expect(isPermissionGranted(permission, APP_ENTRY_URL)).toBe(false);
    },
  );

  it('agrees with isAppUrl on what the app is', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://advieswerk@evil/index.html')).toBe(false);
  });
});
