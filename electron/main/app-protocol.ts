import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface AppAsset {
  filePath: string;
  contentType: string;
}

/**
 * Maps an `app://advieswerk/...` request to a file inside the renderer build, or null when the
 * request is for another host or would escape that folder (`..`, encoded `%2e%2e`, backslashes,
 * NUL bytes). Paths without an extension are client-side routes and get index.html.
 */
export function resolveAppAsset(rendererRoot: string, requestUrl: string): AppAsset | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '') return null;

  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';

  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, `.${path.posix.normalize(relative)}`);
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;

  const extension = path.extname(filePath).toLowerCase();
  if (extension === '') return { filePath: path.join(root, 'index.html'), contentType: CONTENT_TYPES['.html']! };
  return { filePath, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream' };
}
