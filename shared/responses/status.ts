import { t } from '../i18n';

/** The full life of an advice: the advice's own statuses, then the follow-up of the college's answer. */
export const FULL_STATUSES = ['concept', 'vastgesteld', 'verzonden', 'reactie_ontvangen', 'afgerond'] as const;
export type FullStatus = (typeof FULL_STATUSES)[number];
export const FOLLOWUP_STATES = ['reactie_ontvangen', 'afgerond'] as const;
export type FollowupState = (typeof FOLLOWUP_STATES)[number];

/** The effective status: the follow-up state counts only while the advice is (still) sent. */
export function effectiveStatus(adviceStatus: string, followup: FollowupState | null | undefined): FullStatus {
  if (adviceStatus === 'verzonden' && followup) return followup;
  return adviceStatus as FullStatus;
}

/** The follow-up moves this module decides; concept → vastgesteld → verzonden is the advice code's. */
const ALLOWED: Record<FullStatus, FullStatus[]> = {
  concept: [],
  vastgesteld: [],
  verzonden: ['reactie_ontvangen'],
  reactie_ontvangen: ['afgerond', 'verzonden'],
  afgerond: ['reactie_ontvangen'],
};

export function statusLabel(status: FullStatus): string {
  return t(`responses.status.${status}`);
}

/**
 * Null when the move is allowed, else the Dutch reason. `hasResponse`: a response has been recorded,
 * needed to move to "reactie ontvangen"; going back to "verzonden" is only possible without one.
 */
export function transitionError(from: FullStatus, to: FullStatus, hasResponse: boolean): string | null {
  if (from === to) return t('responses.transitionSame', { status: statusLabel(to) });
  if (!ALLOWED[from].includes(to)) {
    if (from === 'concept' || from === 'vastgesteld') return t('responses.transitionNotSent', { from: statusLabel(from), to: statusLabel(to) });
    return t('responses.transitionIllegal', { from: statusLabel(from), to: statusLabel(to) });
  }
  if (to === 'reactie_ontvangen' && from === 'verzonden' && !hasResponse) return t('responses.transitionNeedsResponse');
  if (to === 'verzonden' && hasResponse) return t('responses.transitionHasResponse');
  return null;
}
