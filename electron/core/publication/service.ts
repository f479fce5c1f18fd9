import type { AdvicePublication, PublicationSettings } from '../../../shared/api/publication';
import { DEFAULT_SITE_COLOUR, contrastRatio, MIN_TEXT_CONTRAST } from '../../../shared/publication/colour';
import type { WooGround } from '../../../shared/publication/woo';
import { findAdviceRow } from '../advices/repository';
import { notFound } from '../api/errors';
import type { Db } from '../db/connection';
import { findPublication, findSiteColour } from './repository';
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

/** The site's settings; a stored colour that no longer passes the contrast check gives way to the default. */
export async function loadSiteSettings(db: Db): Promise<PublicationSettings> {
  const stored = await findSiteColour(db);
  const usable = stored !== null && /^#[0-9a-f]{6}$/.test(stored) && contrastRatio(stored, '#ffffff') >= MIN_TEXT_CONTRAST;
  return { colour: usable ? stored : DEFAULT_SITE_COLOUR };
}

/** The whole site of what is public as of `asOf`, in memory (deterministic); without a colour, the stored one. */
export async function buildPublication(db: Db, asOf: string, options: SiteOptions = {}): Promise<Map<string, Buffer>> {
  const colour = options.colour ?? (await loadSiteSettings(db)).colour;
  return buildSite(await loadSiteData(db, asOf), { ...options, colour });
}
