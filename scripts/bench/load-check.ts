/**
 * The verdict of the load benchmark (issue 14, "Load and reliability"): after the run, with a `kill -9`
 * of the server in it, is every write a member saw acknowledged in the database exactly once? Kept apart
 * from the run itself so it can be tested with logs that hold a lost and a duplicated write
 * (tests/unit/bench/load-check.test.ts): a checker that cannot fail proves nothing.
 */

/** One live-capture entry as a simulated member's outbox logged it. */
export interface SentFinding {
  /** The UUIDv7 the member chose; every resend carries the same one. */
  id: string;
  /** Unique within the run: a resend under a new id would show as the same text twice. */
  text: string;
  /** An answer `ok` came back (at the first send or a resend). */
  acknowledged: boolean;
}

/** One autosave of an advice item, in the order the member sent them. */
export interface SentItemSave {
  itemId: string;
  text: string;
  acknowledged: boolean;
}

export interface WriteLog {
  findings: SentFinding[];
  itemSaves: SentItemSave[];
}

/** What the database holds afterwards: the run's findings (by its text marker) and the edited items. */
export interface StoredWrites {
  findings: { id: string; text: string }[];
  items: { id: string; text: string }[];
}

export interface LoadVerdict {
  acknowledged: number;
  /** Sent but never acknowledged (the run ended first): allowed to be absent or present once. */
  unacknowledged: number;
  /** Acknowledged findings not in the database. */
  lost: string[];
  /** Findings in the database more than once: by id, or by text under another id (a resend that forgot its id). */
  duplicated: string[];
  /** Findings carrying the run's marker that no member sent. */
  unexpected: string[];
  /** Items whose stored text is not the last acknowledged save nor a save sent after it: an acknowledged edit lost. */
  lostEdits: string[];
}

export function checkWrites(log: WriteLog, stored: StoredWrites): LoadVerdict {
  const rowsById = new Map<string, number>();
  const rowsByText = new Map<string, number>();
  for (const row of stored.findings) {
    rowsById.set(row.id, (rowsById.get(row.id) ?? 0) + 1);
    rowsByText.set(row.text, (rowsByText.get(row.text) ?? 0) + 1);
  }
  const sentIds = new Set(log.findings.map((write) => write.id));
  const lost: string[] = [];
  const duplicated = new Set<string>();
  for (const write of log.findings) {
    if (write.acknowledged && !rowsById.has(write.id)) lost.push(write.id);
    if ((rowsById.get(write.id) ?? 0) > 1 || (rowsByText.get(write.text) ?? 0) > 1) duplicated.add(write.id);
  }
  const unexpected = stored.findings.filter((row) => !sentIds.has(row.id)).map((row) => row.id);

  // Per item: the saves from the last acknowledged one on are what the database may hold; before any
  // acknowledged save, nothing is promised (the item may hold its seeded text or any save that arrived).
  const savesByItem = new Map<string, SentItemSave[]>();
  for (const save of log.itemSaves) savesByItem.set(save.itemId, [...(savesByItem.get(save.itemId) ?? []), save]);
  const storedItems = new Map(stored.items.map((item) => [item.id, item.text]));
  const lostEdits: string[] = [];
  for (const [itemId, saves] of savesByItem) {
    const lastAcknowledged = saves.map((save) => save.acknowledged).lastIndexOf(true);
    if (lastAcknowledged < 0) continue;
    const allowed = new Set(saves.slice(lastAcknowledged).map((save) => save.text));
    const text = storedItems.get(itemId);
    if (text === undefined || !allowed.has(text)) lostEdits.push(itemId);
  }
  return {
    acknowledged: log.findings.filter((write) => write.acknowledged).length + log.itemSaves.filter((save) => save.acknowledged).length,
    unacknowledged: log.findings.filter((write) => !write.acknowledged).length + log.itemSaves.filter((save) => !save.acknowledged).length,
    lost,
    duplicated: [...duplicated],
    unexpected,
    lostEdits,
  };
}

/** Nothing lost, nothing twice, nothing from nowhere. */
export function verdictHolds(verdict: LoadVerdict): boolean {
  return verdict.lost.length === 0 && verdict.duplicated.length === 0 && verdict.unexpected.length === 0 && verdict.lostEdits.length === 0;
}
