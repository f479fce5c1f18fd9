import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addWeeks, daysBetween, endOfMonth, isCalendarDate, todayInNetherlands, yearInNetherlands } from '../../../shared/calendar';

describe('todayInNetherlands', () => {
  it('is already tomorrow at 00:30 Dutch time, while UTC still says yesterday (winter, UTC+1)', () => {
    const halfPastMidnight = new Date('2026-01-14T23:30:00Z');
    expect(halfPastMidnight.toISOString().slice(0, 10)).toBe('2026-01-14');
    expect(todayInNetherlands(halfPastMidnight)).toBe('2026-01-15');
  });

  it('is already tomorrow at 00:30 and 01:30 Dutch summer time (UTC+2)', () => {
    expect(todayInNetherlands(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(todayInNetherlands(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(todayInNetherlands(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
  });

  it('follows the change to summer time (29 March 2026, 02:00 → 03:00) and back (25 October 2026, 03:00 → 02:00)', () => {
    expect(todayInNetherlands(new Date('2026-03-28T22:59:59Z'))).toBe('2026-03-28');
    expect(todayInNetherlands(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(todayInNetherlands(new Date('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(todayInNetherlands(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(todayInNetherlands(new Date('2026-10-24T21:59:59Z'))).toBe('2026-10-24');
    expect(todayInNetherlands(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(todayInNetherlands(new Date('2026-10-25T22:59:59Z'))).toBe('2026-10-25');
    expect(todayInNetherlands(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('gives the new year at 00:30 on 1 January Dutch time', () => {
    expect(yearInNetherlands(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
  });
});

describe('calendar arithmetic', () => {
  it('counts whole days across both summer time changes', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addWeeks('2026-03-20', 2)).toBe('2026-04-03');
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  it('knows month ends and leap years', () => {
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(endOfMonth('2023-02-10')).toBe('2023-02-28');
    expect(endOfMonth('2100-02-01')).toBe('2100-02-28');
    expect(endOfMonth('2026-12-31')).toBe('2026-12-31');
    expect(endOfMonth('2026-04-01')).toBe('2026-04-30');
  });

  it('adds months within the target month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-05-31', -17)).toBe('2024-12-31');
    expect(addMonths('2026-08-10', 0)).toBe('2026-08-10');
  });

  it('refuses what is not an existing date', () => {
    for (const bad of ['2024-02-30', '9999-99-99', '2026-13-01', '26-01-01', '2026-1-1', '']) {
      expect(isCalendarDate(bad), bad).toBe(false);
      expect(() => addDays(bad, 1), bad).toThrow(RangeError);
    }
    expect(isCalendarDate('2024-02-29')).toBe(true);
  });
});

describe('one place for "today"', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sources(full);
      return /\.tsx?$/.test(entry.name) ? [full] : [];
    });
  }

  it('has no UTC date taken for a Dutch calendar date in the renderer, nor another Amsterdam formatter', () => {
    const offenders = [...sources('renderer/src'), ...sources('shared'), ...sources('electron/core')]
      .filter((file) => file !== path.join('shared', 'calendar.ts'))
      // Backups are named and rotated by UTC time (their file names say so): a UTC day there is meant.
      .filter((file) => !file.startsWith(path.join('electron', 'core', 'backups')))
      .filter((file) => {
        const source = readFileSync(file, 'utf8');
        const utcToday = /new Date\(\)\.toISOString\(\)\.slice\(0, 10\)/.test(source);
        const ownFormatter = /timeZone: 'Europe\/Amsterdam'/.test(source) && /year: 'numeric', month: '2-digit', day: '2-digit'/.test(source);
        return utcToday || ownFormatter;
      });
    expect(offenders).toEqual([]);
  });
});
