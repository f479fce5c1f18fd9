/**
 * `npx tsx scripts/make-icons.ts`: makes every app icon from the one source, resources/icon.svg.
 * Writes resources/icon.png (1024 px, electron-builder's source for Linux and the window icon),
 * resources/icons/<n>x<n>.png (Linux sizes), resources/icon.ico (Windows), resources/icon.icns
 * (macOS) and renderer/public/icon.png (window icon and browser-mode favicon). resvg renders the SVG; png2icons (a
 * maintained, dependency-free package) writes the ICO and ICNS containers from the 1024 px PNG.
 * Run it after changing the SVG: tests/unit/app-icon.test.ts fails while the files are out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SOURCE = path.join(root, 'resources', 'icon.svg');
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];
/** The window icon (Electron) and the favicon (browser mode): one PNG in the renderer's build. */
export const WINDOW_ICON_SIZE = 256;

export function renderIcon(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

/** Every generated file, by path relative to the project, made from the SVG's text. */
export function makeIcons(svg: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const master = renderIcon(svg, 1024);
  files.set('resources/icon.png', master);
  for (const size of LINUX_SIZES) files.set(`resources/icons/${size}x${size}.png`, renderIcon(svg, size));
  const ico = png2icons.createICO(master, png2icons.BICUBIC2, 0, true, true);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons kon geen ICO/ICNS maken');
  files.set('resources/icon.ico', ico);
  files.set('resources/icon.icns', icns);
  files.set('renderer/public/icon.png', renderIcon(svg, WINDOW_ICON_SIZE));
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [relative, bytes] of makeIcons(readFileSync(ICON_SOURCE, 'utf8'))) {
    const target = path.join(root, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    console.log(`${relative} (${bytes.length} bytes)`);
  }
}
