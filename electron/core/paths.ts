import os from 'node:os';
import path from 'node:path';

export const DATABASE_FILE_NAME = 'advieswerk.sqlite';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives for the
 * product name "Advieswerk", so browser mode, the CLI and the app share one database.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Advieswerk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Advieswerk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Advieswerk');
}

/** `--db` wins, then `ADVIESWERK_DB`, then the per-user data folder. */
export function resolveDatabasePath(cliPath: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = cliPath ?? env.ADVIESWERK_DB;
  return chosen ? path.resolve(chosen) : path.join(defaultDataDir(process.platform, env), DATABASE_FILE_NAME);
}

export function backupDirFor(databasePath: string): string {
  return path.join(path.dirname(databasePath), 'backups');
}
