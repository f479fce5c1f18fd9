/**
 * The numbers of an advice's sections and items, derived from their order and never stored:
 * add, remove or move an item and every number after it follows, in the editor, the preview, the
 * letter and every cross-reference.
 *
 * Sections with a number (decimal or roman) count 1, 2, 3 ... in order; unnumbered sections do
 * not take a number. A decimal section numbers its items "2.1", "2.2"; a roman one "I.1", "I.2".
 */
export const NUMBERING_STYLES = ['decimaal', 'romeins', 'geen'] as const;
export type NumberingStyle = (typeof NUMBERING_STYLES)[number];

export interface OutlineSection {
  id: string;
  numbering: NumberingStyle;
  items: { id: string }[];
}

export interface Numbering {
  /** "2", "II" or "" (unnumbered). */
  sections: Map<string, string>;
  /** "2.1", "I.3" or "" (unnumbered). */
  items: Map<string, string>;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(value: number): string {
  let rest = value;
  let out = '';
  for (const [amount, letters] of ROMAN) {
    while (rest >= amount) {
      out += letters;
      rest -= amount;
    }
  }
  return out;
}

export function deriveNumbering(sections: readonly OutlineSection[]): Numbering {
  const numbering: Numbering = { sections: new Map(), items: new Map() };
  let ordinal = 0;
  for (const section of sections) {
    if (section.numbering === 'geen') {
      numbering.sections.set(section.id, '');
      for (const item of section.items) numbering.items.set(item.id, '');
      continue;
    }
    ordinal += 1;
    const prefix = section.numbering === 'romeins' ? toRoman(ordinal) : String(ordinal);
    numbering.sections.set(section.id, prefix);
    section.items.forEach((item, index) => numbering.items.set(item.id, `${prefix}.${index + 1}`));
  }
  return numbering;
}

/**
 * "zie 2.1 en 2.3" for an item's links to other items, in the current numbering. Links to items in
 * unnumbered sections cannot be named by number and are left out.
 */
/** "I.1", "I.1 en 2.1", "I.1, I.2 en 2.1": labels as a Dutch list. */
export function dutchList(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} en ${labels[labels.length - 1]!}`;
}

export function crossReference(targetItemIds: readonly string[], numbering: Numbering): string {
  const numbers = targetItemIds.map((id) => numbering.items.get(id) ?? '').filter((label) => label !== '');
  if (numbers.length === 0) return '';
  const sorted = [...numbers].sort(compareLabels);
  return `zie ${dutchList(sorted)}`;
}

function fromRoman(text: string): number {
  let total = 0;
  let rest = text;
  for (const [amount, letters] of ROMAN) {
    while (rest.startsWith(letters)) {
      total += amount;
      rest = rest.slice(letters.length);
    }
  }
  return total;
}

function labelParts(label: string): [number, number] {
  const [head = '', tail = ''] = label.split('.');
  const section = /^\d+$/.test(head) ? Number(head) : fromRoman(head);
  return [section, Number(tail)];
}

function compareLabels(a: string, b: string): number {
  const [sa, ia] = labelParts(a);
  const [sb, ib] = labelParts(b);
  return sa - sb || ia - ib;
}
