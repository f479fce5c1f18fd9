import type { AdviceItem } from '../api/advices';

type Linked = Pick<AdviceItem, 'id' | 'relatedItemIds'>;

function walk(start: string, next: (id: string) => string[]): string[] {
  const seen = new Set([start]);
  const out: string[] = [];
  let frontier = [start];
  while (frontier.length > 0) {
    const following: string[] = [];
    for (const id of frontier)
      for (const neighbour of next(id)) {
        if (seen.has(neighbour)) continue;
        seen.add(neighbour);
        out.push(neighbour);
        following.push(neighbour);
      }
    frontier = following;
  }
  return out;
}

/**
 * The items an item rests on through "Volgt uit", transitively (3.1 → 2.1 → I.1), nearest first,
 * each once; a circle of references stops where it closes.
 */
export function restsOn(items: Linked[], itemId: string): string[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  return walk(itemId, (id) => (byId.get(id)?.relatedItemIds ?? []).filter((related) => byId.has(related)));
}

/** The other direction: the items that rest on an item, transitively (I.1 → 2.1 → 3.1), nearest first. */
export function ledTo(items: Linked[], itemId: string): string[] {
  const citing = new Map<string, string[]>();
  for (const item of items) for (const related of item.relatedItemIds) citing.set(related, [...(citing.get(related) ?? []), item.id]);
  return walk(itemId, (id) => citing.get(id) ?? []);
}
