import type { AdvicePublication } from '../../../shared/api/publication';
import type { WooGround } from '../../../shared/publication/woo';
import { findAdviceRow } from '../advices/repository';
import { notFound } from '../api/errors';
import type { Db } from '../db/connection';
import { findPublication } from './repository';
import { buildSite, type SiteOptions } from './site';
import { loadSiteData } from './site-data';

/** The publication state of one advice; before a decision, the default offered is openbaar. */
export async function loadPublication(db: Db, adviceId: string): Promise<AdvicePublication> {
  const advice = await findAdviceRow(db, adviceId);
  if (!advice) throw notFound('advices.notFound');
  const row = await findPublication(db, adviceId);
  const sent = advice.status === 'verzonden';
  const isPublic = row ? row.is_public === 1 : true;
  return {
    adviceId,
    status: advice.status,
    decided: row !== undefined,
    isPublic,
    wooGround: (row?.woo_ground as WooGround | null | undefined) ?? null,
    reason: row?.reason ?? '',
    publishedOn: row?.published_on ?? null,
    needsDecision: sent && row === undefined,
    effectivelyPublic: sent && row !== undefined && isPublic && advice.deleted_at === null,
  };
}

/** The whole site of what is public as of `asOf`, in memory (deterministic). */
export async function buildPublication(db: Db, asOf: string, options: SiteOptions = {}): Promise<Map<string, Buffer>> {
  return buildSite(await loadSiteData(db, asOf), options);
}
