import type { z } from 'zod';
import { accountsContract } from './accounts';
import { backupsContract } from './backups';
import { reliabilityContract } from './reliability';
import { advicesContract } from './advices';
import { councilContract } from './council';
import { councilOwnContract } from './council-own';
import { exchangeContract } from './exchange';
import { jobsContract } from './jobs';
import { monitoringContract } from './monitoring';
import { meetingsContract } from './meetings';
import { presenceContract } from './presence';
import { publicationContract } from './publication';
import { relocationContract } from './relocation';
import { responsesContract } from './responses';
import { startContract } from './start';
import { systemContract } from './system';
import { wijkenContract } from './wijken';

/**
 * The one API contract. Each domain declares its methods in its own file; this is the only place
 * they are joined. Served over Electron IPC and by the loopback HTTP host from the same handlers.
 */
export const contract = {
  ...systemContract,
  ...councilContract,
  ...wijkenContract,
  ...jobsContract,
  ...backupsContract,
  ...reliabilityContract,
  ...monitoringContract,
  ...meetingsContract,
  ...exchangeContract,
  ...advicesContract,
  ...responsesContract,
  ...councilOwnContract,
  ...startContract,
  ...publicationContract,
  ...accountsContract,
  ...presenceContract,
  ...relocationContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** What a caller passes (before defaults and trimming). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
