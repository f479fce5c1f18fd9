import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../../electron/main/app-protocol';

const root = path.resolve('/opt/advieswerk/build/renderer');

describe('resolveAppAsset', () => {
  it('serves index.html for the root and for client-side routes', () => {
    for (const url of ['app://advieswerk/', 'app://advieswerk', 'app://advieswerk/adviezen/12', 'app://advieswerk/instellingen?tab=2']) {
      expect(resolveAppAsset(root, url)).toEqual({ filePath: path.join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
    }
  });

  it('maps assets inside the renderer build with their content type', () => {
    expect(resolveAppAsset(root, 'app://advieswerk/assets/index-abc123.js')).toEqual({
      filePath: path.join(root, 'assets', 'index-abc123.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://advieswerk/assets/app.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(resolveAppAsset(root, 'app://advieswerk/fonts/x.woff2')?.contentType).toBe('font/woff2');
    expect(resolveAppAsset(root, 'app://advieswerk/file.unknownext')?.contentType).toBe('application/octet-stream');
  });

  it('decodes percent-encoded file names', () => {
    expect(resolveAppAsset(root, 'app://advieswerk/assets/logo%20wmo.svg')?.filePath).toBe(path.join(root, 'assets', 'logo wmo.svg'));
  });

  it.each([
    'app://advieswerk/../../../etc/passwd',
    'app://advieswerk/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'app://advieswerk/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://advieswerk/..%2F..%2Fsecret.txt',
  ])('never leaves the renderer folder for %s', (url) => {
    const asset = resolveAppAsset(root, url);
    if (asset !== null) {
      const fromRoot = path.relative(root, asset.filePath);
      expect(fromRoot.startsWith('..')).toBe(false);
      expect(path.isAbsolute(fromRoot)).toBe(false);
    }
  });

  it.each([
    'app://advieswerk/..%5C..%5Cwindows%5Cwin.ini',
    'app://advieswerk/assets%5Capp.js',
    'app://advieswerk/index.html%00.png',
    'app://advieswerk/%E0%A4%A',
    'app://other-host/index.html',
    'app://advieswerk:99/index.html',
    'https://advieswerk/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});
