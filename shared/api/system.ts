import { method } from './define';
import { noInput } from './fields';

export interface SystemInfo {
  version: string;
  databasePath: string;
  /** Name of the last applied migration. */
  schemaVersion: string;
  mode: 'electron' | 'browser' | 'cli';
}

export const systemContract = {
  'system.info': method<SystemInfo>()(noInput),
};
