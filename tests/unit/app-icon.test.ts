import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICON_SOURCE, LINUX_SIZES, makeIcons, WINDOW_ICON_SIZE } from '../../scripts/make-icons';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the app icon (resources/, from resources/icon.svg by scripts/make-icons.ts)', () => {
  const generated = makeIcons(readFileSync(ICON_SOURCE, 'utf8'));

  it('is up to date with the SVG: every file is what the script makes now (run `npx tsx scripts/make-icons.ts`)', () => {
    for (const [relative, bytes] of generated) {
      expect(existsSync(relative), relative).toBe(true);
      expect(readFileSync(relative).equals(bytes), `${relative} is out of date`).toBe(true);
    }
  });

  it('has PNGs of the sizes electron-builder and the window need', () => {
    expect(pngSize(readFileSync('resources/icon.png'))).toEqual({ width: 1024, height: 1024 });
    for (const size of LINUX_SIZES) expect(pngSize(readFileSync(`resources/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
    expect(pngSize(readFileSync('renderer/public/icon.png'))).toEqual({ width: WINDOW_ICON_SIZE, height: WINDOW_ICON_SIZE });
  });

  it('has a Windows ICO with a 256 px image among its sizes', () => {
    const ico = readFileSync('resources/icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThanOrEqual(5);
    const widths = Array.from({ length: count }, (_, index) => ico[6 + index * 16]! || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let index = 0; index < count; index++) {
      const size = ico.readUInt32LE(6 + index * 16 + 8);
      const offset = ico.readUInt32LE(6 + index * 16 + 12);
      expect(offset + size).toBeLessThanOrEqual(ico.length);
    }
  });

  it('has a macOS ICNS whose header length is the file length, with a 512@2x (1024 px) image', () => {
    const icns = readFileSync('resources/icon.icns');
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) types.push(icns.subarray(offset, offset + 4).toString('latin1'));
    expect(types).toContain('ic10');
  });

  it('is the window icon and the browser-mode favicon', () => {
    expect(readFileSync('renderer/index.html', 'utf8')).toContain('<link rel="icon" type="image/png" href="./icon.png" />');
    expect(readFileSync('electron/main/index.ts', 'utf8')).toContain("iconPath: path.join(paths.rendererDir, 'icon.png')");
  });
});
