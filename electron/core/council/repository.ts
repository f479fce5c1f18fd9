import type { CouncilSettings, CurrentUser } from '../../../shared/api/council';
import type { Db } from '../db/connection';
import { createdColumns, newId, nowIso } from '../ids';

/** What a council sees before it has filled in anything. */
export const DEFAULT_COUNCIL: Omit<CouncilSettings, 'updatedAt'> = {
  name: '',
  municipality: '',
  defaultAddressee: '',
  postalAddress: '',
  logoDataUrl: '',
  signatories: [],
  responseTermWeeks: 6,
  kenmerkPattern: 'WMO-{jaar}-{volgnummer}',
};

export async function getCouncil(db: Db): Promise<CouncilSettings> {
  const row = await db.selectFrom('council').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
  if (!row) return { ...DEFAULT_COUNCIL, updatedAt: '' };
  const signatories = await db
    .selectFrom('signatories')
    .select(['name', 'role'])
    .where('council_id', '=', row.id)
    .orderBy('position')
    .execute();
  return {
    name: row.name,
    municipality: row.municipality,
    defaultAddressee: row.default_addressee,
    postalAddress: row.postal_address,
    logoDataUrl: row.logo_data_url,
    signatories,
    responseTermWeeks: row.response_term_weeks,
    kenmerkPattern: row.kenmerk_pattern,
    updatedAt: row.updated_at,
  };
}

/** Creates or replaces the council's settings and signatories in one transaction. */
export async function saveCouncil(db: Db, settings: Omit<CouncilSettings, 'updatedAt'>, userName: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const existing = await trx.selectFrom('council').select('id').orderBy('created_at').limit(1).executeTakeFirst();
    const councilId = existing?.id ?? newId();
    const columns = {
      name: settings.name,
      municipality: settings.municipality,
      default_addressee: settings.defaultAddressee,
      postal_address: settings.postalAddress,
      logo_data_url: settings.logoDataUrl,
      response_term_weeks: settings.responseTermWeeks,
      kenmerk_pattern: settings.kenmerkPattern,
      updated_at: now,
      updated_by: userName,
    };
    if (existing) {
      await trx.updateTable('council').set(columns).where('id', '=', councilId).execute();
      await trx.deleteFrom('signatories').where('council_id', '=', councilId).execute();
    } else {
      await trx
        .insertInto('council')
        .values({ id: councilId, ...columns, created_at: now, created_by: userName })
        .execute();
    }
    if (settings.signatories.length > 0) {
      await trx
        .insertInto('signatories')
        .values(
          settings.signatories.map((signatory, position) => ({
            id: newId(),
            council_id: councilId,
            position,
            name: signatory.name,
            role: signatory.role,
            ...createdColumns(userName, now),
          })),
        )
        .execute();
    }
  });
}

const USER_NAME_KEY = 'user.name';

export async function getCurrentUser(db: Db, osUserName: string): Promise<CurrentUser> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', USER_NAME_KEY).executeTakeFirst();
  return row ? { name: row.value, confirmed: true } : { name: osUserName, confirmed: false };
}

export async function setCurrentUser(db: Db, name: string): Promise<void> {
  const updatedAt = nowIso();
  await db
    .insertInto('app_settings')
    .values({ key: USER_NAME_KEY, value: name, updated_at: updatedAt })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: name, updated_at: updatedAt }))
    .execute();
}

/** The council's name as stored, or undefined before the first start (no defaults filled in). */
export async function findCouncilName(db: Db): Promise<{ name: string } | undefined> {
  return db.selectFrom('council').select('name').executeTakeFirst();
}
