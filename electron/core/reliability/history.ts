import { sql } from 'kysely';
import type { AuditedTable, HistoryChange, HistoryEntry } from '../../../shared/api/reliability';
import { formatDateLong, formatDateTime, t, type MessageKey } from '../../../shared/i18n';
import type { Db } from '../db/connection';
import { jsonText } from '../db/dialect';
import type { AuditLogTable } from '../db/schema';

/**
 * Field-level history for people: from the audit trail's before/after snapshots, only the fields
 * a person can see and change, with their Dutch labels and readable values. Bookkeeping columns
 * (ids, sort keys, updated_at/by, stored file names, checksums) never show as changes.
 */

type Lookup = 'advices' | 'meetings' | 'advice_requests' | 'advice_items';

type Format =
  | { kind: 'text' }
  | { kind: 'longText' }
  | { kind: 'date' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'enum'; key: (value: string) => string }
  | { kind: 'jsonList' }
  | { kind: 'signatories' }
  | { kind: 'count' }
  | { kind: 'lookup'; table: Lookup };

interface FieldSpec {
  label: MessageKey;
  format: Format;
}

const text: Format = { kind: 'text' };
const longText: Format = { kind: 'longText' };
const date: Format = { kind: 'date' };
const enumOf = (prefix: string): Format => ({ kind: 'enum', key: (value) => `${prefix}${value}` });

const FIELDS: Record<AuditedTable, Record<string, FieldSpec>> = {
  advices: {
    kind: { label: 'advicesUi.kind', format: enumOf('advicesUi.kind_') },
    betreft: { label: 'advicesUi.betreft', format: text },
    kenmerk: { label: 'advicesUi.kenmerk', format: text },
    request_id: { label: 'advicesUi.request', format: { kind: 'lookup', table: 'advice_requests' } },
    addressee: { label: 'advicesUi.addressee', format: longText },
    advice_date: { label: 'advicesUi.adviceDate', format: date },
    status: { label: 'advicesUi.status', format: enumOf('responses.status.') },
    adopted_on: { label: 'advicesUi.adoptedOn', format: date },
    sent_on: { label: 'advicesUi.sentOn', format: date },
    version: { label: 'audit.field.version', format: { kind: 'number' } },
    archived_at: { label: 'audit.field.archivedAt', format: date },
    opening_text: { label: 'advicesUi.openingText', format: longText },
    closing_text: { label: 'advicesUi.closingText', format: longText },
    signatories_json: { label: 'advicesUi.signatories', format: { kind: 'signatories' } },
    cc_json: { label: 'advicesUi.cc', format: { kind: 'jsonList' } },
    referenceIds: { label: 'advicesUi.references', format: { kind: 'lookup', table: 'advices' } },
    meetingIds: { label: 'advicesUi.meetings', format: { kind: 'lookup', table: 'meetings' } },
  },
  advice_sections: {
    title: { label: 'advicesUi.sectionTitle', format: text },
    numbering: { label: 'advicesUi.numbering', format: enumOf('advicesUi.numbering_') },
  },
  advice_items: {
    kind: { label: 'advicesUi.itemKind', format: enumOf('advicesUi.itemKind_') },
    text: { label: 'audit.field.text', format: longText },
    show_mentions: { label: 'advicesUi.showMentions', format: { kind: 'bool' } },
    findingIds: { label: 'audit.field.findingIds', format: { kind: 'count' } },
    signalIds: { label: 'audit.field.signalIds', format: { kind: 'count' } },
    relatedItemIds: { label: 'advicesUi.relatedItems', format: { kind: 'lookup', table: 'advice_items' } },
  },
  advice_requests: {
    received_on: { label: 'advicesUi.requestReceivedOn', format: date },
    from_whom: { label: 'advicesUi.requestFrom', format: text },
    subject: { label: 'advicesUi.requestSubject', format: text },
    kenmerk: { label: 'advicesUi.requestKenmerk', format: text },
    deadline: { label: 'advicesUi.requestDeadline', format: date },
    documents_json: { label: 'advicesUi.requestDocumentsShort', format: { kind: 'jsonList' } },
    notes: { label: 'audit.field.requestNotes', format: longText },
  },
  advice_responses: {
    received_on: { label: 'responsesUi.receivedOn', format: date },
    kenmerk: { label: 'responsesUi.responseKenmerk', format: text },
    summary: { label: 'responsesUi.summary', format: longText },
    attachment_name: { label: 'audit.attachment', format: text },
  },
  recommendation_positions: {
    position: { label: 'reports.position', format: enumOf('responses.position.') },
    college_text: { label: 'reports.collegeText', format: longText },
    assessment: { label: 'reports.assessment', format: enumOf('responses.assessment.') },
    notes: { label: 'audit.field.positionNotes', format: longText },
  },
  commitments: {
    description: { label: 'responsesUi.description', format: longText },
    owner: { label: 'responsesUi.owner', format: text },
    due_on: { label: 'responsesUi.commitmentDue', format: date },
    status: { label: 'responsesUi.status', format: enumOf('responses.commitmentStatus.') },
    notes: { label: 'audit.field.commitmentNotes', format: longText },
    itemIds: { label: 'audit.field.itemIds', format: { kind: 'lookup', table: 'advice_items' } },
  },
  followup_entries: {
    entry_on: { label: 'responsesUi.logDate', format: date },
    who: { label: 'responsesUi.logWho', format: text },
    text: { label: 'responsesUi.logText', format: longText },
    contains_personal_data: { label: 'findings.personalData', format: { kind: 'bool' } },
  },
  advice_followup: {
    state: { label: 'audit.field.followupState', format: enumOf('responses.status.') },
  },
  advice_publication: {
    is_public: { label: 'publication.public', format: { kind: 'bool' } },
    woo_ground: { label: 'publication.groundLabel', format: enumOf('publication.ground.') },
    reason: { label: 'publication.reason', format: text },
    published_on: { label: 'publication.publishedOn', format: date },
  },
};

/** The tables whose records belong to an advice (they carry its id in `advice_id`). */
const PARTS_OF_ADVICE: AuditedTable[] = ['advice_sections', 'advice_items', 'advice_responses', 'recommendation_positions', 'commitments', 'followup_entries'];

const SHORT = 80;

function shorten(value: string, length = SHORT): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** A label without its input hint: "Afschrift aan (één per regel)" → "Afschrift aan". */
function fieldLabel(key: MessageKey): string {
  return t(key).replace(/\s+\([^)]*\)$/, '');
}

type Snapshot = Record<string, unknown> | null;

function parse(json: string | null): Snapshot {
  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}

/** Names for ids, read once per history. */
class Names {
  private cache = new Map<string, string>();
  constructor(private db: Db) {}

  async of(table: Lookup, id: string): Promise<string> {
    const cacheKey = `${table}:${id}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    let name = '';
    if (table === 'advices') name = (await this.db.selectFrom('advices').select('kenmerk').where('id', '=', id).executeTakeFirst())?.kenmerk ?? '';
    if (table === 'meetings') name = (await this.db.selectFrom('meetings').select('title').where('id', '=', id).executeTakeFirst())?.title ?? '';
    if (table === 'advice_requests') name = (await this.db.selectFrom('advice_requests').select('subject').where('id', '=', id).executeTakeFirst())?.subject ?? '';
    if (table === 'advice_items') name = shorten((await this.db.selectFrom('advice_items').select('text').where('id', '=', id).executeTakeFirst())?.text ?? '', 40);
    // A record that is gone meanwhile still counts, under a neutral name.
    name = name ? (table === 'advice_items' || table === 'meetings' || table === 'advice_requests' ? `"${name}"` : name) : '…';
    this.cache.set(cacheKey, name);
    return name;
  }
}

async function formatValue(value: unknown, format: Format, names: Names): Promise<string> {
  const empty = t('audit.empty');
  if (value === null || value === undefined || value === '') {
    // An enum may name its empty value ("nog geen oordeel").
    if (format.kind !== 'enum') return empty;
    const none = t(format.key('none') as MessageKey);
    return none === format.key('none') ? empty : none;
  }
  switch (format.kind) {
    case 'text':
      return shorten(String(value));
    case 'longText':
      return shorten(String(value));
    case 'date':
      // A calendar date or a moment (archived_at): the day is what people care about.
      return /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(String(value)) ? formatDateLong(String(value)) : String(value);
    case 'number':
      return String(value);
    case 'bool':
      return value === 1 || value === true ? t('audit.yes') : t('audit.no');
    case 'enum': {
      const label = t(format.key(String(value)) as MessageKey);
      return label === format.key(String(value)) ? String(value) : label;
    }
    case 'jsonList': {
      const list = typeof value === 'string' ? (JSON.parse(value) as unknown[]) : [];
      return list.length === 0 ? empty : shorten(list.map(String).join(', '));
    }
    case 'signatories': {
      const list = typeof value === 'string' ? (JSON.parse(value) as { name?: string; role?: string }[]) : [];
      return list.length === 0 ? empty : shorten(list.map((signatory) => [signatory.name, signatory.role].filter(Boolean).join(', ')).join('; '));
    }
    case 'count': {
      const list = Array.isArray(value) ? value : [];
      return list.length === 0 ? empty : t('audit.linked', { count: list.length });
    }
    case 'lookup': {
      const ids = Array.isArray(value) ? (value as string[]) : [String(value)];
      if (ids.length === 0) return empty;
      const named = await Promise.all(ids.map((id) => names.of(format.table, id)));
      return shorten(named.join(', '));
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  const blank = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || value === '[]';
  if (blank(a) && blank(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields a person changed between two snapshots (all filled-in fields for a new record). */
export async function changedFields(table: AuditedTable, before: Snapshot, after: Snapshot, names: Names): Promise<HistoryChange[]> {
  // The follow-up state has no row while an advice is simply "verzonden".
  if (table === 'advice_followup') {
    before ??= { state: 'verzonden' };
    after ??= { state: 'verzonden' };
  }
  if (after === null) return [];
  const changes: HistoryChange[] = [];
  for (const [field, spec] of Object.entries(FIELDS[table])) {
    const from = before?.[field];
    const to = after[field];
    if (sameValue(from, to)) continue;
    if (before !== null && !(field in before) && !(field in after)) continue;
    changes.push({
      field,
      label: fieldLabel(spec.label),
      from: before === null ? t('audit.empty') : await formatValue(from, spec.format, names),
      to: await formatValue(to, spec.format, names),
    });
  }
  return changes;
}

/** What a record is, in words; a record whose content is gone (purged) goes by its kind alone. */
async function subjectOf(table: AuditedTable, recordId: string, snapshot: Record<string, unknown>, names: Names): Promise<string> {
  return (await namedSubject(table, recordId, snapshot, names)).replace(/\s*""$/, '').trim();
}

async function namedSubject(table: AuditedTable, recordId: string, snapshot: Record<string, unknown>, names: Names): Promise<string> {
  const name = (value: unknown) => shorten(String(value ?? ''), 40);
  const key = `audit.subject.${table}` as MessageKey;
  switch (table) {
    case 'advices':
      return t(key, { name: name(snapshot.kenmerk) });
    case 'advice_requests':
      return t(key, { name: name(snapshot.subject) });
    case 'advice_sections':
      return t(key, { name: name(snapshot.title) });
    case 'advice_items':
    case 'followup_entries':
      return t(key, { name: name(snapshot.text) });
    case 'advice_responses':
      return t(key, { name: typeof snapshot.received_on === 'string' ? formatDateLong(snapshot.received_on) : '' }).trim();
    case 'recommendation_positions':
      return t(key, { name: (await names.of('advice_items', recordId)).replace(/^"|"$/g, '') });
    case 'commitments':
      return t(key, { name: name(snapshot.description) });
    case 'advice_followup':
    case 'advice_publication':
      return t(key);
  }
}

/** The entries of an advice and of every record that carries its id in `advice_id`. */
async function auditRowsOfAdvice(db: Db, adviceId: string): Promise<AuditLogTable[]> {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('table_name', 'in', ['advices', 'advice_followup', 'advice_publication']), eb('record_id', '=', adviceId)]),
        eb.and([
          eb('table_name', 'in', PARTS_OF_ADVICE),
          eb(jsonText(db, sql`coalesce(after_json, before_json)`, 'advice_id'), '=', adviceId),
        ]),
      ]),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(2000)
    .execute();
}

/**
 * The readable history of a record, newest first. For an advice: also its sections, items,
 * responses, positions, commitments, follow-up notes and follow-up state, each named.
 */
export async function recordHistory(db: Db, table: AuditedTable, recordId: string): Promise<HistoryEntry[]> {
  const rows =
    table === 'advices'
      ? await auditRowsOfAdvice(db, recordId)
      : await db
          .selectFrom('audit_log')
          .selectAll()
          .where('table_name', '=', table)
          .where('record_id', '=', recordId)
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(2000)
          .execute();
  const names = new Names(db);
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    const entryTable = row.table_name as AuditedTable;
    if (!(entryTable in FIELDS)) continue;
    const before = parse(row.before_json);
    const after = parse(row.after_json);
    // The follow-up state's row comes and goes with the state: for people it is always a change of status.
    const action = entryTable === 'advice_followup' && (row.action === 'create' || row.action === 'delete') ? 'update' : row.action;
    const changes = action === 'update' || action === 'create' ? await changedFields(entryTable, before, after, names) : [];
    // An update that touched only bookkeeping (order, timestamps) is not a change for people.
    if (action === 'update' && changes.length === 0) continue;
    entries.push({
      id: row.id,
      at: row.at,
      atLabel: formatDateTime(row.at),
      userName: row.user_name,
      table: entryTable,
      recordId: row.record_id,
      action,
      subject: await subjectOf(entryTable, row.record_id, after ?? before ?? {}, names),
      self: entryTable === table && row.record_id === recordId,
      actionLabel: t(`audit.action.${action}` as MessageKey),
      changes,
    });
  }
  return entries;
}
