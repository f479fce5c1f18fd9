import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../shared/calendar';
import { anniversary, canReappoint, carriesOver, isOverdue, nextTerm, termEnd, termEndsSoon } from '../../../shared/councilOwn/terms';

describe('termEnd', () => {
  it('ends the day before the same date four years later', () => {
    expect(termEnd('2024-01-01', 4)).toBe('2027-12-31');
    expect(termEnd('2023-03-01', 4)).toBe('2027-02-28');
    expect(termEnd('2024-03-01', 4)).toBe('2028-02-29');
  });

  it('keeps 29 February when the term ends in a leap year, and rolls to 1 March otherwise', () => {
    expect(anniversary('2024-02-29', 4)).toBe('2028-02-29');
    expect(termEnd('2024-02-29', 4)).toBe('2028-02-28');
    expect(anniversary('2024-02-29', 1)).toBe('2025-03-01');
    expect(termEnd('2024-02-29', 1)).toBe('2025-02-28');
    expect(termEnd('2024-02-29', 3)).toBe('2027-02-28');
  });

  it('refuses a term that is not a whole positive number of years', () => {
    expect(() => termEnd('2024-01-01', 0)).toThrow(RangeError);
    expect(() => termEnd('2024-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('reappointment', () => {
  const member = { termEnd: '2027-12-31', termNumber: 1, leftOn: null };

  it('allows terms up to the maximum, never after leaving', () => {
    expect(canReappoint(member, 2)).toBe(true);
    expect(canReappoint({ ...member, termNumber: 2 }, 2)).toBe(false);
    expect(canReappoint(member, 1)).toBe(false);
    expect(canReappoint({ ...member, leftOn: '2026-05-01' }, 2)).toBe(false);
  });

  it('starts the next term the day after the current one ends', () => {
    expect(nextTerm(member, 4)).toEqual({ termStart: '2028-01-01', termEnd: '2031-12-31', termNumber: 2 });
    expect(nextTerm({ ...member, termEnd: '2028-02-28' }, 4)).toEqual({ termStart: '2028-02-29', termEnd: '2032-02-28', termNumber: 2 });
  });
});

describe('termEndsSoon', () => {
  it('is true from today up to three calendar months ahead', () => {
    const sitting = { termNumber: 1, leftOn: null };
    expect(termEndsSoon({ ...sitting, termEnd: '2026-12-04' }, '2026-12-04')).toBe(true);
    expect(termEndsSoon({ ...sitting, termEnd: '2027-03-04' }, '2026-12-04')).toBe(true);
    expect(termEndsSoon({ ...sitting, termEnd: '2027-03-05' }, '2026-12-04')).toBe(false);
    expect(termEndsSoon({ ...sitting, termEnd: '2026-12-03' }, '2026-12-04')).toBe(false);
    expect(termEndsSoon({ termEnd: '2027-01-01', termNumber: 1, leftOn: '2026-11-01' }, '2026-12-04')).toBe(false);
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', 1)).toBe('2027-01-31');
  });
});

describe('the actielijst', () => {
  const action = { status: 'open' as const, dueOn: '2026-03-01', closedOn: null, meetingDate: '2026-02-10' };

  it('carries an open action to every later meeting', () => {
    expect(carriesOver(action, '2026-03-10')).toBe(true);
    expect(carriesOver(action, '2026-06-10')).toBe(true);
  });

  it('does not put an action on the agenda of the meeting that made it, or an earlier one', () => {
    expect(carriesOver(action, '2026-02-10')).toBe(false);
    expect(carriesOver(action, '2026-01-10')).toBe(false);
  });

  it('keeps a closed action on the agendas up to its closing, not after', () => {
    const closed = { ...action, status: 'afgerond' as const, closedOn: '2026-04-01' };
    expect(carriesOver(closed, '2026-03-10')).toBe(true);
    expect(carriesOver(closed, '2026-04-01')).toBe(true);
    expect(carriesOver(closed, '2026-04-14')).toBe(false);
  });

  it('calls an open action past its due date overdue', () => {
    expect(isOverdue(action, '2026-03-02')).toBe(true);
    expect(isOverdue(action, '2026-03-01')).toBe(false);
    expect(isOverdue({ ...action, status: 'afgerond' }, '2026-04-01')).toBe(false);
  });
});
