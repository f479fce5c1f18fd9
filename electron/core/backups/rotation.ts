/**
 * Which backups to keep: the newest backup of each of the last 7 days that have one, of each of the
 * last 4 ISO weeks and of each of the last 12 months (grandfather-father-son). Pure, so the policy
 * is tested without files; `files.ts` applies it to the backup folder.
 */
export interface RotationPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, monthly: 12 };

export interface DatedBackup {
  name: string;
  takenAt: Date;
}

function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** ISO-8601 week, e.g. "2026-W48" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** The newest backup of each of the `count` most recent periods that have one. */
function newestPerPeriod(sortedNewestFirst: DatedBackup[], key: (date: Date) => string, count: number): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const backup of sortedNewestFirst) {
    const period = key(backup.takenAt);
    if (seen.has(period)) continue;
    if (seen.size >= count) break;
    seen.add(period);
    kept.push(backup.name);
  }
  return kept;
}

export function selectBackupsToKeep(
  backups: DatedBackup[],
  policy: RotationPolicy = DEFAULT_ROTATION,
): { keep: string[]; remove: string[] } {
  const sorted = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.name.localeCompare(a.name));
  const keep = new Set<string>([
    ...newestPerPeriod(sorted, dayKey, policy.daily),
    ...newestPerPeriod(sorted, isoWeekKey, policy.weekly),
    ...newestPerPeriod(sorted, monthKey, policy.monthly),
  ]);
  return {
    keep: sorted.filter((backup) => keep.has(backup.name)).map((backup) => backup.name),
    remove: sorted.filter((backup) => !keep.has(backup.name)).map((backup) => backup.name),
  };
}
