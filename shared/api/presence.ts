import { z } from 'zod';
import { method } from './define';
import { id } from './fields';

/**
 * Presence (issue 14): who else has an advice open in the editor, on the council server. Held in the
 * server's memory only, never in the database, its backups or exports. An entry lasts
 * `PRESENCE_TTL_MS` unless the editor renews it (`presence.enter` again, every `PRESENCE_RENEW_MS`).
 * On one computer nobody else can have it open: the lists are empty.
 */
export const PRESENCE_TTL_MS = 60_000;
export const PRESENCE_RENEW_MS = 20_000;

/** Another signed-in member with the advice open. */
export interface Viewer {
  accountId: string;
  name: string;
}

export interface Presence {
  /** The others, not the caller; in the order they opened it. */
  viewers: Viewer[];
}

const presenceInput = z.object({ adviceId: id }).strict();

export const presenceContract = {
  /** The caller has this advice open (or still has: a renewal); answers who else has. */
  'presence.enter': method<Presence>()(presenceInput),
  /** The caller closed it. */
  'presence.leave': method<{ left: boolean }>()(presenceInput),
  'presence.list': method<Presence>()(presenceInput),
};
