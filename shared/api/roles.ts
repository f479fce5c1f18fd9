import type { Role } from './accounts';
import type { MethodName } from './contract';
import type { JobKind } from './jobs';

/**
 * Who may call what on the council server (issue 14). Every method of the contract declares its roles
 * here, and the compiler refuses a method without an entry; the dispatcher refuses a call by any other
 * role with FORBIDDEN before the handler runs (electron/core/api/dispatch.ts).
 *
 * - beheerder: accounts and settings (the council, wijken, privacy, back-ups, publication), and reading.
 * - secretaris: everything on advices, requests, responses, the council's own work and monitoring, plus
 *   what a lid does.
 * - voorzitter: as secretaris, and only the voorzitter sets an advice to vastgesteld or verzonden.
 * - lid: meetings, input, signals and prioritising; reads advices and responses.
 * - alleen lezen: reads, and makes documents and exports of what it may read.
 */
const EVERYONE = ['beheerder', 'secretaris', 'voorzitter', 'lid', 'alleen_lezen'] as const satisfies readonly Role[];
const BEHEER = ['beheerder'] as const satisfies readonly Role[];
const SECRETARIAAT = ['secretaris', 'voorzitter'] as const satisfies readonly Role[];
const INPUT = ['secretaris', 'voorzitter', 'lid'] as const satisfies readonly Role[];
/** Settings the secretariat needs for its letters as well as the beheerder. */
const BEHEER_EN_SECRETARIAAT = ['beheerder', 'secretaris', 'voorzitter'] as const satisfies readonly Role[];

export const METHOD_ROLES = {
  'system.info': EVERYONE,
  'council.get': EVERYONE,
  'council.update': BEHEER_EN_SECRETARIAAT,
  'user.get': EVERYONE,
  // One's own display name.
  'user.update': EVERYONE,
  'wijken.list': EVERYONE,
  'wijken.create': BEHEER_EN_SECRETARIAAT,
  'wijken.update': BEHEER_EN_SECRETARIAAT,
  'wijken.delete': BEHEER_EN_SECRETARIAAT,
  // Which kinds of job a role may start: JOB_KIND_ROLES below.
  'jobs.start': EVERYONE,
  'jobs.get': EVERYONE,
  'jobs.list': EVERYONE,
  'jobs.cancel': EVERYONE,
  'jobs.resultFile': EVERYONE,
  'backups.list': BEHEER,
  'backups.create': BEHEER,
  'backups.restore': BEHEER,
  'privacy.get': EVERYONE,
  'privacy.update': BEHEER,
  'privacy.purgePreview': BEHEER,
  'privacy.purge': BEHEER,
  'privacy.purgeLog': BEHEER,
  'trash.list': EVERYONE,
  'trash.restore': SECRETARIAAT,
  'trash.empty': BEHEER_EN_SECRETARIAAT,
  'audit.history': EVERYONE,
  'audit.list': EVERYONE,
  'wijkteams.list': EVERYONE,
  'wijkteams.get': EVERYONE,
  'wijkteams.create': SECRETARIAAT,
  'wijkteams.update': SECRETARIAAT,
  'wijkteams.delete': SECRETARIAAT,
  'frameworks.list': EVERYONE,
  'frameworks.create': SECRETARIAAT,
  'frameworks.update': SECRETARIAAT,
  'frameworks.delete': SECRETARIAAT,
  'criteria.create': SECRETARIAAT,
  'criteria.update': SECRETARIAAT,
  'criteria.setRetired': SECRETARIAAT,
  'criteria.delete': SECRETARIAAT,
  'assessments.save': SECRETARIAAT,
  'assessments.get': EVERYONE,
  'assessments.history': EVERYONE,
  'monitoring.periods': EVERYONE,
  'monitoring.teamFindings': EVERYONE,
  'monitoring.draftAdvice': SECRETARIAAT,
  'monitoring.matrix': EVERYONE,
  'monitoring.trend': EVERYONE,
  'monitoring.teamTrend': EVERYONE,
  'programmes.list': EVERYONE,
  'programmes.create': INPUT,
  'programmes.update': INPUT,
  'programmes.delete': SECRETARIAAT,
  'meetings.list': EVERYONE,
  'meetings.search': EVERYONE,
  'meetings.get': EVERYONE,
  'meetings.create': INPUT,
  'meetings.update': INPUT,
  'meetings.delete': SECRETARIAAT,
  'themeTables.create': INPUT,
  'themeTables.update': INPUT,
  'themeTables.delete': INPUT,
  'findings.create': INPUT,
  'findings.get': EVERYONE,
  'findings.update': INPUT,
  'findings.delete': INPUT,
  'findings.listForMeeting': EVERYONE,
  'findings.search': EVERYONE,
  'findings.vote': INPUT,
  'findings.themes': EVERYONE,
  'findings.tags': EVERYONE,
  'findings.importParse': INPUT,
  'findings.importCheck': INPUT,
  'signals.list': EVERYONE,
  'signals.get': EVERYONE,
  'signals.create': INPUT,
  'signals.update': INPUT,
  'signals.addFindings': INPUT,
  'signals.removeFindings': INPUT,
  'signals.vote': INPUT,
  'signals.delete': INPUT,
  'signals.suggestDuplicates': EVERYONE,
  'exchange.readFile': INPUT,
  'adviceRequests.list': EVERYONE,
  'adviceRequests.create': SECRETARIAAT,
  'adviceRequests.update': SECRETARIAAT,
  'adviceRequests.delete': SECRETARIAAT,
  'advices.list': EVERYONE,
  'advices.get': EVERYONE,
  'advices.nextKenmerk': EVERYONE,
  'advices.create': SECRETARIAAT,
  'advices.update': SECRETARIAAT,
  'advices.delete': SECRETARIAAT,
  // To vastgesteld or verzonden: the voorzitter's decision (the secretariat drafts).
  'advices.setStatus': ['voorzitter'],
  'advices.newVersion': SECRETARIAAT,
  'advices.archive': SECRETARIAAT,
  'advices.unarchive': SECRETARIAAT,
  'advices.frozen': EVERYONE,
  'advices.addSection': SECRETARIAAT,
  'advices.updateSection': SECRETARIAAT,
  'advices.deleteSection': SECRETARIAAT,
  'advices.moveSection': SECRETARIAAT,
  'advices.addItem': SECRETARIAAT,
  'advices.updateItem': SECRETARIAAT,
  'advices.deleteItem': SECRETARIAAT,
  'advices.restoreItem': SECRETARIAAT,
  'advices.moveItem': SECRETARIAAT,
  'advices.traceItem': EVERYONE,
  'advices.citingFinding': EVERYONE,
  'advices.exportDocx': EVERYONE,
  'advices.exportPdf': EVERYONE,
  'advices.exportJson': EVERYONE,
  // Archiving a sent letter's PDF/A: its senders' work (it also runs by itself when a letter is sent).
  'advices.archivePdf': SECRETARIAAT,
  'advices.importJson': SECRETARIAAT,
  'responses.forAdvice': EVERYONE,
  'responses.record': SECRETARIAAT,
  'responses.update': SECRETARIAAT,
  'responses.delete': SECRETARIAAT,
  'responses.attachment': EVERYONE,
  'responses.setStatus': SECRETARIAAT,
  'responses.setPosition': SECRETARIAAT,
  'responses.clearPosition': SECRETARIAAT,
  'commitments.create': SECRETARIAAT,
  'commitments.update': SECRETARIAAT,
  'commitments.delete': SECRETARIAAT,
  'followup.add': SECRETARIAAT,
  'followup.delete': SECRETARIAAT,
  'dashboard.get': EVERYONE,
  'dashboard.positions': EVERYONE,
  'dashboard.badge': EVERYONE,
  // Marks the overdue notices as seen for this computer: harmless for any reader.
  'dashboard.newlyOverdue': EVERYONE,
  'responses.exportExchange': EVERYONE,
  'reports.adviezenoverzicht': EVERYONE,
  'reports.terugkoppeling': EVERYONE,
  'members.list': EVERYONE,
  'members.get': EVERYONE,
  'members.create': SECRETARIAAT,
  'members.update': SECRETARIAAT,
  'members.reappoint': SECRETARIAAT,
  'members.markLeft': SECRETARIAAT,
  'members.delete': SECRETARIAAT,
  'members.addPosition': SECRETARIAAT,
  'members.deletePosition': SECRETARIAAT,
  'members.termSettings': EVERYONE,
  'members.updateTermSettings': SECRETARIAAT,
  'councilMeetings.list': EVERYONE,
  'councilMeetings.get': EVERYONE,
  'councilMeetings.create': SECRETARIAAT,
  'councilMeetings.update': SECRETARIAAT,
  'councilMeetings.delete': SECRETARIAAT,
  'councilMeetings.setAttendance': SECRETARIAAT,
  'councilMeetings.addItem': SECRETARIAAT,
  'councilMeetings.updateItem': SECRETARIAAT,
  'councilMeetings.deleteItem': SECRETARIAAT,
  'councilMeetings.addDecision': SECRETARIAAT,
  'councilMeetings.deleteDecision': SECRETARIAAT,
  'councilMeetings.adoptAdvice': ['voorzitter'],
  'councilMeetings.adoptionOf': EVERYONE,
  'councilMeetings.exportAgenda': EVERYONE,
  'councilMeetings.exportMinutes': EVERYONE,
  'councilActions.list': EVERYONE,
  'councilActions.create': SECRETARIAAT,
  'councilActions.update': SECRETARIAAT,
  'councilActions.delete': SECRETARIAAT,
  'councilOwn.exportExchange': EVERYONE,
  'councilOwn.attention': EVERYONE,
  'planning.list': EVERYONE,
  'planning.create': SECRETARIAAT,
  'planning.update': SECRETARIAAT,
  'planning.delete': SECRETARIAAT,
  'planning.importParse': SECRETARIAAT,
  'planning.import': SECRETARIAAT,
  'start.overview': EVERYONE,
  'publication.get': EVERYONE,
  'publication.set': BEHEER_EN_SECRETARIAAT,
  'publication.settings': EVERYONE,
  'publication.saveSettings': BEHEER_EN_SECRETARIAAT,
  'session.current': EVERYONE,
  'session.logoutEverywhere': EVERYONE,
  'accounts.list': BEHEER,
  'accounts.invite': BEHEER,
  'accounts.update': BEHEER,
  'accounts.disable': BEHEER,
  'accounts.enable': BEHEER,
  // Who else has an advice open: everyone may read advices. Not the council's data (memory only).
  'presence.enter': EVERYONE,
  'presence.leave': EVERYONE,
  'presence.list': EVERYONE,
  // Moving a council onto its server: the whole database leaves or arrives (beheerder only).
  'relocation.uploadPart': BEHEER,
  'relocation.packagePart': BEHEER,
} as const satisfies Record<MethodName, readonly Role[]>;

/** Who may start each kind of job (after `jobs.start` itself). */
export const JOB_KIND_ROLES = {
  backup: BEHEER,
  monitoringReport: EVERYONE,
  monitoringCsv: EVERYONE,
  findingsImport: INPUT,
  findingsExport: EVERYONE,
  meetingReport: EVERYONE,
  exchangeExport: EVERYONE,
  exchangeImport: INPUT,
  responsesReport: EVERYONE,
  advicePdf: EVERYONE,
  publicationZip: BEHEER_EN_SECRETARIAAT,
  annualReport: EVERYONE,
  archivePdf: SECRETARIAAT,
  movePackage: BEHEER,
  moveTakeOver: BEHEER,
} as const satisfies Record<JobKind, readonly Role[]>;

/** Whether `role` may call `method` at all; checked before the input is read. */
export function roleMayCall(role: Role, method: MethodName): boolean {
  return (METHOD_ROLES[method] as readonly Role[]).includes(role);
}

/** Whether `role` may make this call with this (validated) input, where the matrix looks at the input. */
export function roleMayCallWith(role: Role, method: MethodName, input: unknown): boolean {
  if (method === 'jobs.start') {
    const kind = (input as { kind: JobKind }).kind;
    return (JOB_KIND_ROLES[kind] as readonly Role[]).includes(role);
  }
  return true;
}
