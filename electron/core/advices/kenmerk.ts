/**
 * Kenmerken from the council's pattern, e.g. "WMO-{jaar}-{volgnummer}" -> "WMO-2026-007".
 * The sequence restarts every year and is padded to three digits so kenmerken sort as text.
 */
export function formatKenmerk(pattern: string, year: number, sequence: number): string {
  return pattern.replaceAll('{jaar}', String(year)).replaceAll('{volgnummer}', String(sequence).padStart(3, '0'));
}

/** The key that makes "WMO-2026-001" and "wmo-2026-001 " one kenmerk. */
export function kenmerkKey(kenmerk: string): string {
  return kenmerk.trim().toLocaleLowerCase('nl-NL');
}

/** The first free sequence number after the highest used, skipping kenmerken typed by hand. */
export async function nextKenmerk(
  pattern: string,
  year: number,
  highestSequence: number,
  isTaken: (kenmerk: string) => Promise<boolean>,
): Promise<{ kenmerk: string; sequence: number }> {
  let sequence = highestSequence + 1;
  let kenmerk = formatKenmerk(pattern, year, sequence);
  while (await isTaken(kenmerk)) {
    sequence += 1;
    kenmerk = formatKenmerk(pattern, year, sequence);
  }
  return { kenmerk, sequence };
}
