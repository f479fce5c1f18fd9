import type { Finding } from '../../../shared/api/meetings';
import { notFound } from '../api/errors';
import type { Db } from '../db/connection';
import { findFinding } from './repository';

/** The finding, or NOT_FOUND: shared by the findings and signals handlers. */
export async function requireFinding(db: Db, id: string): Promise<Finding> {
  const finding = await findFinding(db, id);
  if (!finding) throw notFound('findings.notFound');
  return finding;
}
