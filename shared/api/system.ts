import { method } from './define';
import { noInput } from './fields';

export interface SystemInfo {
  version: string;
  databasePath: string;
  /** Name of the last applied migration. */
  schemaVersion: string;
  /** How this core is served: the desktop app, browser mode on one computer, the council server, the command line. */
  mode: 'electron' | 'browser' | 'server' | 'cli';
}

export const systemContract = {
  'system.info': method<SystemInfo>()(noInput),
};
