import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRuntimePaths, toUnpackedPath } from '../../../electron/main/runtime-paths';

describe('resolveRuntimePaths', () => {
  it('uses the build folder and .native in development', () => {
    const root = path.resolve('/home/jan/advieswerk');
    const paths = resolveRuntimePaths({
      isPackaged: false,
      mainDir: path.join(root, 'build', 'electron'),
      resourcesPath: '/usr/lib/electron/resources',
      userDataDir: '/home/jan/.config/Advieswerk',
    });
    expect(paths).toEqual({
      preload: path.join(root, 'build', 'electron', 'preload.cjs'),
      rendererDir: path.join(root, 'build', 'renderer'),
      coreProcess: path.join(root, 'build', 'electron', 'core-process.cjs'),
      jobWorker: path.join(root, 'build', 'electron', 'worker.mjs'),
      nativeBinding: path.join(root, '.native', 'electron', 'better_sqlite3.node'),
      databasePath: path.join('/home/jan/.config/Advieswerk', 'advieswerk.sqlite'),
      connectionFile: path.join('/home/jan/.config/Advieswerk', 'verbinding.json'),
    });
  });

  it('starts child processes from app.asar.unpacked and loads the addon from resources when packaged', () => {
    const resources = path.resolve('/opt/Advieswerk/resources');
    const paths = resolveRuntimePaths({
      isPackaged: true,
      mainDir: path.join(resources, 'app.asar', 'build', 'electron'),
      resourcesPath: resources,
      userDataDir: '/home/jan/.config/Advieswerk',
    });
    expect(paths.preload).toBe(path.join(resources, 'app.asar', 'build', 'electron', 'preload.cjs'));
    expect(paths.rendererDir).toBe(path.join(resources, 'app.asar', 'build', 'renderer'));
    expect(paths.coreProcess).toBe(path.join(resources, 'app.asar.unpacked', 'build', 'electron', 'core-process.cjs'));
    expect(paths.jobWorker).toBe(path.join(resources, 'app.asar.unpacked', 'build', 'electron', 'worker.mjs'));
    expect(paths.nativeBinding).toBe(path.join(resources, 'native', 'better_sqlite3.node'));
  });

  it('honours ADVIESWERK_DB like browser mode and the CLI', () => {
    const paths = resolveRuntimePaths({
      isPackaged: false,
      mainDir: '/x/build/electron',
      resourcesPath: '/r',
      userDataDir: '/u',
      databaseOverride: 'test-data/proef.sqlite',
    });
    expect(paths.databasePath).toBe(path.resolve('test-data/proef.sqlite'));
  });
});

describe('toUnpackedPath', () => {
  it('swaps app.asar for its unpacked twin on either separator', () => {
    expect(toUnpackedPath('/opt/A/resources/app.asar/build/electron/worker.mjs')).toBe('/opt/A/resources/app.asar.unpacked/build/electron/worker.mjs');
    expect(toUnpackedPath('C:\\Program Files\\A\\resources\\app.asar\\build\\x.cjs')).toBe('C:\\Program Files\\A\\resources\\app.asar.unpacked\\build\\x.cjs');
  });

  it('leaves paths outside an archive alone, including look-alike folder names', () => {
    expect(toUnpackedPath('/home/jan/advieswerk/build/electron/worker.mjs')).toBe('/home/jan/advieswerk/build/electron/worker.mjs');
    expect(toUnpackedPath('/data/app.asar.unpacked/x.cjs')).toBe('/data/app.asar.unpacked/x.cjs');
    expect(toUnpackedPath('/data/myapp.asar/x.cjs')).toBe('/data/myapp.asar/x.cjs');
  });
});
