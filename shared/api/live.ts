import type { Role } from './accounts';
import type { MethodName } from './contract';
import { METHOD_ROLES } from './roles';

/**
 * Live updates (issue 14): after a successful write the core publishes a change event on its change feed
 * (electron/core/api/change-feed.ts); the HTTP host streams them as server-sent events (`GET /api/events`),
 * and the renderer refetches what they touch (renderer/src/data/live.ts). This file is the one place that
 * says which methods change something and what a change is about (its topic), for both sides.
 */

/** A topic is the contract's domain prefix: `findings.create` → `findings`. The renderer's query keys start with it. */
type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<MethodName>;

export function domainOf(method: MethodName): Domain {
  return method.slice(0, method.indexOf('.')) as Domain;
}

/**
 * Methods that only read (exports and previews included: they write no council data). A read never
 * publishes a change: a read classed as a write would make every screen that shows it refetch on every
 * other screen, for ever. Every method is in exactly one of the two lists (checked by the compiler below).
 */
const READ_METHODS = [
  'system.info', 'council.get', 'user.get', 'wijken.list', 'jobs.get', 'jobs.list', 'jobs.resultFile',
  'backups.list', 'privacy.get', 'privacy.purgePreview', 'privacy.purgeLog', 'trash.list', 'audit.history',
  'audit.list', 'wijkteams.list', 'wijkteams.get', 'frameworks.list', 'assessments.get', 'assessments.history',
  'monitoring.periods', 'monitoring.teamFindings', 'monitoring.matrix', 'monitoring.trend', 'monitoring.teamTrend',
  'programmes.list', 'meetings.list', 'meetings.search', 'meetings.get', 'findings.get', 'findings.listForMeeting',
  'findings.search', 'findings.themes', 'findings.tags', 'findings.importParse', 'findings.importCheck',
  'signals.list', 'signals.get', 'signals.suggestDuplicates', 'exchange.readFile', 'relocation.uploadPart', 'relocation.packagePart', 'adviceRequests.list',
  'advices.list', 'advices.get', 'advices.nextKenmerk', 'advices.frozen', 'advices.traceItem',
  'advices.citingFinding', 'advices.exportDocx', 'advices.exportPdf', 'advices.exportJson', 'responses.forAdvice',
  'responses.attachment', 'dashboard.get', 'dashboard.positions', 'dashboard.badge', 'dashboard.newlyOverdue',
  'responses.exportExchange', 'reports.adviezenoverzicht', 'reports.terugkoppeling', 'members.list', 'members.get',
  'members.termSettings', 'councilMeetings.list', 'councilMeetings.get', 'councilMeetings.adoptionOf',
  'councilMeetings.exportAgenda', 'councilMeetings.exportMinutes', 'councilActions.list',
  'councilOwn.exportExchange', 'councilOwn.attention', 'planning.list', 'planning.importParse', 'start.overview',
  'publication.get', 'publication.settings', 'session.current', 'accounts.list', 'presence.list',
  // Presence writes no council data; the presence board announces a change itself, only when who has
  // an advice open changes (not on every renewal).
  'presence.enter', 'presence.leave',
] as const satisfies readonly MethodName[];

/** Methods that change the council's data (or its accounts, settings, jobs): each success is a change event. */
const WRITE_METHODS = [
  'council.update', 'user.update', 'wijken.create', 'wijken.update', 'wijken.delete', 'jobs.start', 'jobs.cancel',
  'backups.create', 'backups.restore', 'privacy.update', 'privacy.purge', 'trash.restore', 'trash.empty',
  'wijkteams.create', 'wijkteams.update', 'wijkteams.delete', 'frameworks.create', 'frameworks.update',
  'frameworks.delete', 'criteria.create', 'criteria.update', 'criteria.setRetired', 'criteria.delete',
  'assessments.save', 'monitoring.draftAdvice', 'programmes.create', 'programmes.update', 'programmes.delete',
  'meetings.create', 'meetings.update', 'meetings.delete', 'themeTables.create', 'themeTables.update',
  'themeTables.delete', 'findings.create', 'findings.update', 'findings.delete', 'findings.vote', 'signals.create',
  'signals.update', 'signals.addFindings', 'signals.removeFindings', 'signals.vote', 'signals.delete',
  'adviceRequests.create', 'adviceRequests.update', 'adviceRequests.delete', 'advices.create', 'advices.update',
  'advices.delete', 'advices.setStatus', 'advices.newVersion', 'advices.archive', 'advices.unarchive',
  'advices.addSection', 'advices.updateSection', 'advices.deleteSection', 'advices.moveSection', 'advices.addItem',
  'advices.updateItem', 'advices.deleteItem', 'advices.restoreItem', 'advices.moveItem', 'advices.archivePdf',
  'advices.importJson', 'responses.record', 'responses.update', 'responses.delete', 'responses.setStatus',
  'responses.setPosition', 'responses.clearPosition', 'commitments.create', 'commitments.update',
  'commitments.delete', 'followup.add', 'followup.delete', 'members.create', 'members.update', 'members.reappoint',
  'members.markLeft', 'members.delete', 'members.addPosition', 'members.deletePosition',
  'members.updateTermSettings', 'councilMeetings.create', 'councilMeetings.update', 'councilMeetings.delete',
  'councilMeetings.setAttendance', 'councilMeetings.addItem', 'councilMeetings.updateItem',
  'councilMeetings.deleteItem', 'councilMeetings.addDecision', 'councilMeetings.deleteDecision',
  'councilMeetings.adoptAdvice', 'councilActions.create', 'councilActions.update', 'councilActions.delete',
  'planning.create', 'planning.update', 'planning.delete', 'planning.import', 'publication.set',
  'publication.saveSettings', 'session.logoutEverywhere', 'accounts.invite', 'accounts.update', 'accounts.disable',
  'accounts.enable',
] as const satisfies readonly MethodName[];

type Unclassified = Exclude<MethodName, (typeof READ_METHODS)[number] | (typeof WRITE_METHODS)[number]>;
/** Fails to compile while a method of the contract is in neither list: name the method above. */
const everyMethodClassified: [Unclassified] extends [never] ? true : Unclassified = true;
void everyMethodClassified;

const WRITES: ReadonlySet<MethodName> = new Set(WRITE_METHODS);
const READS: ReadonlySet<MethodName> = new Set(READ_METHODS);

export function isReadMethod(method: MethodName): boolean {
  return READS.has(method);
}

export function isWriteMethod(method: MethodName): boolean {
  return WRITES.has(method);
}

/**
 * One change, as the event stream carries it: what kind of write it was and on which topic, never what
 * was written. `actorId` is the account that made it on the council server (null on one computer).
 */
export interface ChangeEvent {
  /** Increases by one per change within one run of the core. */
  seq: number;
  topic: Domain;
  method: MethodName;
  actorId: string | null;
}

/** Who may read each topic that has reads of its own (a role that may call any of them). */
const TOPIC_READERS = new Map<Domain, Set<Role>>();
for (const method of READ_METHODS) {
  const readers = TOPIC_READERS.get(domainOf(method)) ?? new Set<Role>();
  for (const role of METHOD_ROLES[method]) readers.add(role);
  TOPIC_READERS.set(domainOf(method), readers);
}

/**
 * Whether a role may see that something changed on a topic: only if it may read something of it. The
 * beheerder's topics (accounts, backups) stay out of a lid's stream. A topic without reads of its own
 * (theme tables, criteria, commitments: read through their meeting, framework, response) is shown
 * through reads everyone may make.
 */
export function roleMayFollow(role: Role, topic: Domain): boolean {
  return TOPIC_READERS.get(topic)?.has(role) ?? true;
}
