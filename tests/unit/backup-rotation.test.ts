import { describe, expect, it } from 'vitest';
import { isoWeekKey, selectBackupsToKeep } from '../../electron/core/backups/rotation';
import { backupFileName, parseBackupFileName } from '../../electron/core/backups/files';

function daily(from: string, days: number, hour = 9) {
  const start = new Date(`${from}T00:00:00Z`).getTime();
  return Array.from({ length: days }, (_, i) => {
    const takenAt = new Date(start + i * 86_400_000 + hour * 3_600_000);
    return { name: backupFileName('automatisch', takenAt), takenAt };
  });
}

describe('backup rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly backups out of two years of daily backups', () => {
    const backups = daily('2024-11-01', 730);
    const { keep, remove } = selectBackupsToKeep(backups);
    expect(keep.length + remove.length).toBe(730);
    const kept = keep.map((name) => parseBackupFileName(name)!.takenAt.toISOString().slice(0, 10));
    // The last 7 days.
    expect(kept.slice(0, 7)).toEqual(['2026-10-31', '2026-10-30', '2026-10-29', '2026-10-28', '2026-10-27', '2026-10-26', '2026-10-25']);
    // 12 distinct months, each represented by its newest backup (the last day of that month).
    const months = new Set(kept.map((day) => day.slice(0, 7)));
    expect(months.size).toBe(12);
    expect(kept).toContain('2026-09-30');
    expect(kept).toContain('2025-11-30');
    expect(kept).not.toContain('2025-10-31');
    // 4 distinct ISO weeks, each its newest (a Sunday, or the last day of the series).
    const weeks = new Set(keep.map((name) => isoWeekKey(parseBackupFileName(name)!.takenAt)));
    expect(weeks.size).toBeGreaterThanOrEqual(4);
    expect(kept).toContain('2026-10-18');
    expect(kept).toContain('2026-10-11');
    expect(kept).not.toContain('2026-10-10');
    // At most 7 + 4 + 12, fewer where the periods overlap.
    expect(keep.length).toBeLessThanOrEqual(23);
    expect(keep.length).toBeGreaterThanOrEqual(12 + 7 - 1);
  });

  it('keeps only the newest of several backups on one day', () => {
    const morning = new Date('2026-11-25T08:00:00Z');
    const evening = new Date('2026-11-25T20:00:00Z');
    const { keep, remove } = selectBackupsToKeep([
      { name: 'a', takenAt: morning },
      { name: 'b', takenAt: evening },
    ]);
    expect(keep).toEqual(['b']);
    expect(remove).toEqual(['a']);
  });

  it('keeps everything when there are fewer backups than the policy allows', () => {
    const backups = daily('2026-11-20', 5);
    expect(selectBackupsToKeep(backups).remove).toEqual([]);
    expect(selectBackupsToKeep([]).keep).toEqual([]);
  });

  it('counts ISO weeks correctly around the turn of the year', () => {
    expect(isoWeekKey(new Date('2026-01-01T12:00:00Z'))).toBe('2026-W01');
    expect(isoWeekKey(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });

  it('parses backup file names of every reason and ignores other files', () => {
    const at = new Date('2026-11-25T20:49:29.123Z');
    for (const reason of ['automatisch', 'handmatig', 'voor-migratie', 'voor-terugzetten'] as const) {
      expect(parseBackupFileName(backupFileName(reason, at))).toEqual({ reason, takenAt: at });
    }
    expect(parseBackupFileName('advieswerk-2026-11-25T20-49-29-123Z.sqlite')).toEqual({ reason: 'handmatig', takenAt: at });
    expect(parseBackupFileName('advieswerk-handmatig-2026-11-25T20-49-29-123Z.sqlite.deel')).toBeNull();
    expect(parseBackupFileName('notities.txt')).toBeNull();
  });
});
