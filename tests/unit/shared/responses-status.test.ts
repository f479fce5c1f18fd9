import { describe, expect, it } from 'vitest';
import { effectiveStatus, FULL_STATUSES, transitionError } from '../../../shared/responses/status';

describe('advice status transitions', () => {
  it('allows exactly the follow-up moves', () => {
    const allowed: string[] = [];
    for (const from of FULL_STATUSES) for (const to of FULL_STATUSES) if (transitionError(from, to, false) === null || transitionError(from, to, true) === null) allowed.push(`${from}→${to}`);
    expect(allowed.sort()).toEqual(['afgerond→reactie_ontvangen', 'reactie_ontvangen→afgerond', 'reactie_ontvangen→verzonden', 'verzonden→reactie_ontvangen']);
  });

  it('explains refusals in Dutch', () => {
    expect(transitionError('vastgesteld', 'afgerond', false)).toBe('Een advies met status "vastgesteld" kan niet naar "afgerond": het moet eerst worden vastgesteld en verzonden.');
    expect(transitionError('verzonden', 'afgerond', true)).toBe('De status kan niet van "verzonden" naar "afgerond" worden gezet.');
    expect(transitionError('verzonden', 'reactie_ontvangen', false)).toContain('Leg eerst de reactie van het college vast');
    expect(transitionError('reactie_ontvangen', 'verzonden', true)).toContain('verwijder die eerst');
  });

  it('lets the follow-up state count only while the advice is sent', () => {
    expect(effectiveStatus('verzonden', 'afgerond')).toBe('afgerond');
    expect(effectiveStatus('verzonden', null)).toBe('verzonden');
    expect(effectiveStatus('concept', 'afgerond')).toBe('concept');
  });
});
