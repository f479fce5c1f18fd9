import { z } from 'zod';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, type ExchangeFile, type ExchangeRecord } from '../../../shared/api/exchange';
import { boundedText, id, LIMITS, requiredText } from '../../../shared/api/fields';
import { ASSESSMENTS, COMMITMENT_STATUSES, commitmentCreateInput, followupAddInput, POSITIONS, positionSetInput, responseRecordInput } from '../../../shared/api/responses';
import type { AuditedTable } from '../../../shared/api/reliability';
import { t } from '../../../shared/i18n';
import { findLiveAdviceByKenmerk, loadAdvice } from '../advices/repository';
import type { Db } from '../db/connection';
import { writeRow, type AuditedRecord, type RecordType } from '../exchange/record-type';
import { nowIso } from '../ids';

/**
 * Record types of the exchange file for the follow-up of an advice (docs/exchange-format.md).
 * An advice has other UUIDs on another laptop (the advice JSON imports as a new advice), so these
 * records name their advice by kenmerk and their recommendations by number ("3.1"): both are fixed
 * once the advice is sent. A record whose advice or recommendation is not found here is skipped and
 * listed by the importer. The response letter itself does not travel (only its name and checksum).
 */

// Checked with the API's own field schemas (shared/api/responses.ts), so a file stores nothing
// the app would refuse when typed in.
const adviceKenmerk = requiredText(LIMITS.short);
const recommendationNumber = requiredText(20);

const responseData = z
  .object({
    adviceKenmerk,
    receivedOn: responseRecordInput.shape.receivedOn,
    kenmerk: responseRecordInput.shape.kenmerk,
    summary: responseRecordInput.shape.summary,
    letterName: boundedText(LIMITS.name).nullable(),
    letterSha256: boundedText(64).nullable(),
  })
  .strict();
const positionData = z
  .object({
    adviceKenmerk,
    recommendationNumber,
    position: positionSetInput.shape.position,
    collegeText: positionSetInput.shape.collegeText,
    assessment: positionSetInput.shape.assessment,
    notes: positionSetInput.shape.notes,
  })
  .strict();
const commitmentData = z
  .object({
    adviceKenmerk,
    description: commitmentCreateInput.shape.description,
    owner: commitmentCreateInput.shape.owner,
    dueOn: commitmentCreateInput.shape.dueOn,
    status: commitmentCreateInput.shape.status,
    notes: commitmentCreateInput.shape.notes,
    recommendationNumbers: z.array(recommendationNumber).max(100),
  })
  .strict();
const entryData = z
  .object({
    adviceKenmerk,
    recommendationNumber: recommendationNumber.nullable(),
    commitmentId: id.nullable(),
    entryOn: followupAddInput.shape.entryOn,
    who: followupAddInput.shape.who,
    text: followupAddInput.shape.text,
    // Files made before the flag existed have none: their entries were not marked.
    containsPersonalData: followupAddInput.shape.containsPersonalData,
  })
  .strict();

/** Every follow-up record is in the audit trail. */
type FollowupRecordType = RecordType & { audit: AuditedRecord };

const byOwnId = (table: AuditedTable): AuditedRecord => ({ table, recordIdOf: async (_db, id) => id });

/** Numbers of an advice's items by id and back. */
async function numbering(db: Db, adviceId: string) {
  const advice = await loadAdvice(db, adviceId);
  const items = advice ? advice.sections.flatMap((section) => section.items) : [];
  return {
    kenmerk: advice?.kenmerk ?? '',
    numberOf: new Map(items.map((item) => [item.id, item.number])),
    idOf: new Map(items.filter((item) => item.kind === 'aanbeveling').map((item) => [item.number, item.id])),
  };
}

async function adviceHere(db: Db, kenmerk: string): Promise<string> {
  const advice = await findLiveAdviceByKenmerk(db, kenmerk);
  if (!advice || advice.status !== 'verzonden') throw new Error(t('responses.exchangeAdviceMissing', { kenmerk }));
  return advice.id;
}

async function recommendationHere(db: Db, adviceId: string, kenmerk: string, number: string): Promise<string> {
  const itemId = (await numbering(db, adviceId)).idOf.get(number);
  if (!itemId) throw new Error(t('responses.exchangeRecommendationMissing', { kenmerk, number }));
  return itemId;
}

export const FOLLOWUP_RECORD_TYPES: Record<string, FollowupRecordType> = {
  collegeResponse: {
    audit: byOwnId('advice_responses'),
    schema: responseData,
    label: (data) => `${String(data.adviceKenmerk)} ${String(data.receivedOn)}`,
    async read(db, id) {
      const row = await db.selectFrom('advice_responses').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const { kenmerk } = await numbering(db, row.advice_id);
      return {
        updatedAt: row.updated_at,
        data: { adviceKenmerk: kenmerk, receivedOn: row.received_on, kenmerk: row.kenmerk, summary: row.summary, letterName: row.attachment_name, letterSha256: row.attachment_sha256 },
      };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const adviceId = await adviceHere(db, String(data.adviceKenmerk));
      const values = { received_on: String(data.receivedOn), kenmerk: String(data.kenmerk), summary: String(data.summary), updated_at: updatedAt, updated_by: updatedBy };
      if (exists) await db.updateTable('advice_responses').set(values).where('id', '=', id).execute();
      else {
        await db.insertInto('advice_responses').values({ id, advice_id: adviceId, ...values, created_at: updatedAt, created_by: updatedBy }).execute();
        // A response arriving by file moves a sent advice on, as one entered here would.
        const state = await db.selectFrom('advice_followup').select('state').where('advice_id', '=', adviceId).executeTakeFirst();
        if (!state) {
          await db.insertInto('advice_followup').values({ advice_id: adviceId, state: 'reactie_ontvangen', changed_at: nowIso(), changed_by: updatedBy }).execute();
          await db
            .insertInto('advice_status_log')
            .values({ advice_id: adviceId, from_status: 'verzonden', to_status: 'reactie_ontvangen', changed_at: nowIso(), changed_by: updatedBy })
            .execute();
        }
      }
    },
  },
  recommendationPosition: {
    // The trail keys a position by its recommendation (one position per recommendation).
    audit: {
      table: 'recommendation_positions',
      recordIdOf: async (db, id) => (await db.selectFrom('recommendation_positions').select('item_id').where('id', '=', id).executeTakeFirst())?.item_id,
    },
    schema: positionData,
    label: (data) => `${String(data.adviceKenmerk)} ${String(data.recommendationNumber)}`,
    async read(db, id) {
      const row = await db.selectFrom('recommendation_positions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const { kenmerk, numberOf } = await numbering(db, row.advice_id);
      return {
        updatedAt: row.updated_at,
        data: {
          adviceKenmerk: kenmerk,
          recommendationNumber: numberOf.get(row.item_id) ?? '',
          position: row.position,
          collegeText: row.college_text,
          assessment: row.assessment,
          notes: row.notes,
        },
      };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const kenmerk = String(data.adviceKenmerk);
      const adviceId = await adviceHere(db, kenmerk);
      const itemId = await recommendationHere(db, adviceId, kenmerk, String(data.recommendationNumber));
      const values = {
        position: data.position as (typeof POSITIONS)[number],
        college_text: String(data.collegeText),
        assessment: (data.assessment as (typeof ASSESSMENTS)[number] | null) ?? null,
        notes: String(data.notes),
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      if (exists) {
        await db.updateTable('recommendation_positions').set(values).where('id', '=', id).execute();
        return;
      }
      // Both laptops may have entered a position for the same recommendation: one per recommendation, the file's row replaces ours.
      await db.deleteFrom('recommendation_positions').where('item_id', '=', itemId).execute();
      await db.insertInto('recommendation_positions').values({ id, item_id: itemId, advice_id: adviceId, ...values, created_at: updatedAt, created_by: updatedBy }).execute();
    },
  },
  commitment: {
    audit: byOwnId('commitments'),
    schema: commitmentData,
    label: (data) => String(data.description).slice(0, 80),
    async read(db, id) {
      const row = await db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const { kenmerk, numberOf } = await numbering(db, row.advice_id);
      const links = await db.selectFrom('commitment_recommendations').select('item_id').where('commitment_id', '=', id).execute();
      return {
        updatedAt: row.updated_at,
        data: {
          adviceKenmerk: kenmerk,
          description: row.description,
          owner: row.owner,
          dueOn: row.due_on,
          status: row.status,
          notes: row.notes,
          recommendationNumbers: links.map((link) => numberOf.get(link.item_id) ?? '').sort(),
        },
      };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const kenmerk = String(data.adviceKenmerk);
      const adviceId = await adviceHere(db, kenmerk);
      const numbers = [...new Set(data.recommendationNumbers as string[])];
      const itemIds: string[] = [];
      for (const number of numbers) itemIds.push(await recommendationHere(db, adviceId, kenmerk, number));
      const values = {
        description: String(data.description),
        owner: String(data.owner),
        due_on: String(data.dueOn),
        status: data.status as (typeof COMMITMENT_STATUSES)[number],
        notes: String(data.notes),
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'commitments', id, exists, values, { advice_id: adviceId, created_at: updatedAt, created_by: updatedBy });
      await db.deleteFrom('commitment_recommendations').where('commitment_id', '=', id).execute();
      if (itemIds.length > 0) await db.insertInto('commitment_recommendations').values(itemIds.map((itemId) => ({ commitment_id: id, item_id: itemId }))).execute();
    },
  },
  followupEntry: {
    audit: byOwnId('followup_entries'),
    schema: entryData,
    label: (data) => String(data.text).slice(0, 80),
    async read(db, id) {
      const row = await db.selectFrom('followup_entries').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const { kenmerk, numberOf } = await numbering(db, row.advice_id);
      return {
        updatedAt: row.updated_at,
        data: {
          adviceKenmerk: kenmerk,
          recommendationNumber: row.item_id ? (numberOf.get(row.item_id) ?? null) : null,
          commitmentId: row.commitment_id,
          entryOn: row.entry_on,
          who: row.who,
          text: row.text,
          containsPersonalData: row.contains_personal_data === 1,
        },
      };
    },
    async write(db, id, updatedAt, updatedBy, data, exists) {
      const kenmerk = String(data.adviceKenmerk);
      const adviceId = await adviceHere(db, kenmerk);
      const itemId = data.recommendationNumber ? await recommendationHere(db, adviceId, kenmerk, String(data.recommendationNumber)) : null;
      const values = {
        item_id: itemId,
        commitment_id: (data.commitmentId as string | null) ?? null,
        entry_on: String(data.entryOn),
        who: String(data.who),
        text: String(data.text),
        contains_personal_data: data.containsPersonalData === true ? 1 : 0,
        updated_at: updatedAt,
        updated_by: updatedBy,
      };
      await writeRow(db, 'followup_entries', id, exists, values, { advice_id: adviceId, created_at: updatedAt, created_by: updatedBy });
    },
  },
};

/** Imported after the meeting types; commitments before the log entries that refer to them. */
export const FOLLOWUP_TYPE_ORDER = ['collegeResponse', 'recommendationPosition', 'commitment', 'followupEntry'];

/** Everything recorded about the college's answer to one advice, as an exchange file. */
export async function buildFollowupExchange(db: Db, adviceId: string, exportedBy: string): Promise<ExchangeFile> {
  const advice = await loadAdvice(db, adviceId);
  if (!advice) throw new Error('advice missing');
  const records: ExchangeRecord[] = [];
  const add = async (type: string, ids: { id: string }[]) => {
    for (const { id } of ids) {
      const local = await FOLLOWUP_RECORD_TYPES[type]!.read(db, id);
      if (local) records.push({ type, id, updatedAt: local.updatedAt, data: local.data });
    }
  };
  await add('collegeResponse', await db.selectFrom('advice_responses').select('id').where('advice_id', '=', adviceId).orderBy('id').execute());
  await add('recommendationPosition', await db.selectFrom('recommendation_positions').select('id').where('advice_id', '=', adviceId).orderBy('id').execute());
  await add('commitment', await db.selectFrom('commitments').select('id').where('advice_id', '=', adviceId).orderBy('id').execute());
  await add('followupEntry', await db.selectFrom('followup_entries').select('id').where('advice_id', '=', adviceId).orderBy('id').execute());
  return {
    format: EXCHANGE_FORMAT,
    version: EXCHANGE_VERSION,
    exportedAt: nowIso(),
    exportedBy,
    containsPersonalData: records.some((record) => record.data.containsPersonalData === true),
    description: t('responses.exchangeDescription', { kenmerk: advice.kenmerk, betreft: advice.betreft }).slice(0, 500),
    records,
  };
}
