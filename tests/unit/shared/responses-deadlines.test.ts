import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addWeeks, daysBetween } from '../../../shared/calendar';
import {
  commitmentsInWindow,
  dueInfo,
  FutureDateError,
  newlyOverdue,
  responseDue,
  responseDueDate,
} from '../../../shared/responses/deadlines';

describe('response due date', () => {
  it('adds the term in weeks across month and year ends', () => {
    expect(responseDueDate('2026-01-20', 6, '2026-03-01')).toBe('2026-03-03');
    expect(responseDueDate('2026-11-25', 6, '2026-11-25')).toBe('2027-01-06');
    expect(responseDueDate('2026-12-31', 1, '2027-01-01')).toBe('2027-01-07');
    expect(addWeeks('2026-03-31', 4)).toBe('2026-04-28');
  });

  it('counts 29 February in leap years and not in others', () => {
    expect(addWeeks('2024-02-01', 4)).toBe('2024-02-29');
    expect(addWeeks('2023-02-01', 4)).toBe('2023-03-01');
    expect(addWeeks('2028-02-22', 1)).toBe('2028-02-29');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
  });

  it('is not shifted by summer time', () => {
    expect(addWeeks('2026-03-20', 1)).toBe('2026-03-27');
    expect(addWeeks('2026-10-20', 1)).toBe('2026-10-27');
  });

  it('refuses a sent date in the future, an impossible date and a term below one week', () => {
    expect(() => responseDueDate('2026-12-01', 6, '2026-11-30')).toThrow(FutureDateError);
    expect(() => responseDueDate('2026-02-30', 6, '2026-11-30')).toThrow(RangeError);
    expect(() => responseDueDate('2026-01-01', 0, '2026-11-30')).toThrow(RangeError);
  });

  it('adding weeks always moves exactly 7 days a week (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: 1, max: 52 }), (offset, weeks) => {
        const start = addDays('1990-01-01', offset);
        expect(daysBetween(start, addWeeks(start, weeks))).toBe(weeks * 7);
      }),
    );
  });
});

describe('due flags', () => {
  it('is overdue the day after the due date and due soon within 7 days', () => {
    expect(dueInfo('2026-03-10', '2026-03-10')).toEqual({ dueOn: '2026-03-10', state: 'binnenkort', daysOverdue: 0, daysLeft: 0 });
    expect(dueInfo('2026-03-10', '2026-03-11')).toMatchObject({ state: 'te_laat', daysOverdue: 1 });
    expect(dueInfo('2026-03-10', '2026-03-03')).toMatchObject({ state: 'binnenkort', daysLeft: 7 });
    expect(dueInfo('2026-03-10', '2026-03-02')).toMatchObject({ state: 'op_tijd', daysLeft: 8 });
    expect(responseDue('2026-01-01', 6, '2026-03-01')).toMatchObject({ dueOn: '2026-02-12', state: 'te_laat', daysOverdue: 17 });
  });

  it('lists open commitments overdue and due within 30 days, ignoring kept or lapsed ones', () => {
    const commitments = [
      { id: 'a', dueOn: '2026-02-27', status: 'open' },
      { id: 'b', dueOn: '2026-03-01', status: 'lopend' },
      { id: 'c', dueOn: '2026-03-31', status: 'open' },
      { id: 'd', dueOn: '2026-04-01', status: 'open' },
      { id: 'e', dueOn: '2026-01-01', status: 'nagekomen' },
      { id: 'f', dueOn: '2026-01-01', status: 'vervallen' },
    ];
    const { overdue, dueSoon } = commitmentsInWindow(commitments, '2026-03-01');
    expect(overdue.map((item) => item.id)).toEqual(['a']);
    expect(dueSoon.map((item) => item.id)).toEqual(['b', 'c']);
  });
});

describe('newly overdue (for the notification at start)', () => {
  const items = [
    { id: 'long-ago', dueOn: '2026-01-01' },
    { id: 'yesterday', dueOn: '2026-03-09' },
    { id: 'since-last-week', dueOn: '2026-03-04' },
    { id: 'today', dueOn: '2026-03-10' },
  ];
  it('reports everything overdue the first time', () => {
    expect(newlyOverdue(items, '2026-03-10', null).map((item) => item.id)).toEqual(['long-ago', 'yesterday', 'since-last-week']);
  });
  it('reports only what became overdue since the day last seen', () => {
    expect(newlyOverdue(items, '2026-03-10', '2026-03-03').map((item) => item.id)).toEqual(['yesterday', 'since-last-week']);
    expect(newlyOverdue(items, '2026-03-10', '2026-03-10')).toEqual([]);
  });
});
