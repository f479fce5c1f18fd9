import type { Wijk } from '../../../shared/api/wijken';
import type { Db } from '../db/connection';
import type { WijkTable } from '../db/schema';
import { createdColumns, newId, nowIso, updatedColumns } from '../ids';
import { nameKey } from '../name-key';

function toWijk(row: WijkTable): Wijk {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    description: row.description,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listWijken(db: Db): Promise<Wijk[]> {
  const rows = await db.selectFrom('wijken').selectAll().orderBy('name_key').execute();
  return rows.map(toWijk);
}

export async function findWijk(db: Db, id: string): Promise<Wijk | undefined> {
  const row = await db.selectFrom('wijken').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toWijk(row);
}

export async function findWijkByName(db: Db, name: string): Promise<Wijk | undefined> {
  const row = await db.selectFrom('wijken').selectAll().where('name_key', '=', nameKey(name)).executeTakeFirst();
  return row && toWijk(row);
}

export async function insertWijk(db: Db, fields: { name: string; code: string; description: string }, userName: string): Promise<Wijk> {
  const now = nowIso();
  const row: WijkTable = {
    id: newId(),
    name: fields.name,
    name_key: nameKey(fields.name),
    code: fields.code,
    description: fields.description,
    ...createdColumns(userName, now),
  };
  await db.insertInto('wijken').values(row).execute();
  return toWijk(row);
}

export async function updateWijk(
  db: Db,
  id: string,
  fields: { name?: string; code?: string; description?: string },
  userName: string,
): Promise<void> {
  await db
    .updateTable('wijken')
    .set({
      ...(fields.name !== undefined ? { name: fields.name, name_key: nameKey(fields.name) } : {}),
      ...(fields.code !== undefined ? { code: fields.code } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...updatedColumns(userName),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteWijk(db: Db, id: string): Promise<void> {
  await db.deleteFrom('wijken').where('id', '=', id).execute();
}
