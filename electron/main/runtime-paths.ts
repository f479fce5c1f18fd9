import path from 'node:path';
import { DATABASE_FILE_NAME } from '../core/paths';
import { CONNECTION_FILE_NAME } from './connection-choice';

export interface RuntimeEnvironment {
  isPackaged: boolean;
  /** Folder of main.cjs (build/electron, inside app.asar when packaged). */
  mainDir: string;
  /** `process.resourcesPath`. */
  resourcesPath: string;
  /** `app.getPath('userData')`. */
  userDataDir: string;
  /** ADVIESWERK_DB, the same override browser mode and the CLI honour. */
  databaseOverride?: string | undefined;
}

export interface RuntimePaths {
  preload: string;
  rendererDir: string;
  coreProcess: string;
  jobWorker: string;
  nativeBinding: string;
  databasePath: string;
  /** The first-start choice: this computer or a council server (connection-choice.ts). */
  connectionFile: string;
}

/**
 * Child processes and worker threads cannot be relied on to read from inside app.asar, so the
 * files they start from are unpacked (see asarUnpack in electron-builder.yml) and addressed
 * through the app.asar.unpacked twin folder.
 */
export function toUnpackedPath(filePath: string): string {
  return filePath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** Where everything the shell loads lives, in a development build and in an installed app. */
export function resolveRuntimePaths(env: RuntimeEnvironment): RuntimePaths {
  const inAsarOrBuild = (file: string) => path.join(env.mainDir, file);
  const unpacked = (file: string) => (env.isPackaged ? toUnpackedPath(inAsarOrBuild(file)) : inAsarOrBuild(file));
  const projectRoot = path.resolve(env.mainDir, '..', '..');
  return {
    preload: inAsarOrBuild('preload.cjs'),
    rendererDir: path.resolve(env.mainDir, '..', 'renderer'),
    coreProcess: unpacked('core-process.cjs'),
    jobWorker: unpacked('worker.mjs'),
    nativeBinding: env.isPackaged
      ? path.join(env.resourcesPath, 'native', 'better_sqlite3.node')
      : path.join(projectRoot, '.native', 'electron', 'better_sqlite3.node'),
    // A postgres://… URL (a shared council database) is passed on as it is; a path means SQLite.
    databasePath: env.databaseOverride
      ? /^postgres(ql)?:\/\//i.test(env.databaseOverride)
        ? env.databaseOverride
        : path.resolve(env.databaseOverride)
      : path.join(env.userDataDir, DATABASE_FILE_NAME),
    connectionFile: path.join(env.userDataDir, CONNECTION_FILE_NAME),
  };
}
