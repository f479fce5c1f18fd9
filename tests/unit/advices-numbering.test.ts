import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossReference, deriveNumbering, toRoman, type OutlineSection } from '../../shared/advices/numbering';
import { cleanPastedText, parseTextBlocks } from '../../shared/advices/text';
import { formatKenmerk, nextKenmerk } from '../../electron/core/advices/kenmerk';

function outline(): OutlineSection[] {
  return [
    { id: 'A', numbering: 'romeins', items: [{ id: 'a1' }, { id: 'a2' }, { id: 'a3' }] },
    { id: 'P', numbering: 'geen', items: [{ id: 'p1' }] },
    { id: 'B', numbering: 'decimaal', items: [{ id: 'b1' }, { id: 'b2' }] },
    { id: 'C', numbering: 'decimaal', items: [{ id: 'c1' }] },
  ];
}

function labels(sections: OutlineSection[]): string[] {
  const numbering = deriveNumbering(sections);
  return sections.flatMap((section) => section.items.map((item) => `${item.id}=${numbering.items.get(item.id)}`));
}

describe('derived numbering', () => {
  it('numbers roman and decimal sections in order; unnumbered sections take no number', () => {
    const numbering = deriveNumbering(outline());
    expect([...numbering.sections.values()]).toEqual(['I', '', '2', '3']);
    expect(labels(outline())).toEqual(['a1=I.1', 'a2=I.2', 'a3=I.3', 'p1=', 'b1=2.1', 'b2=2.2', 'c1=3.1']);
  });

  it('follows an insert: every number after it moves up', () => {
    const sections = outline();
    sections[2]!.items.splice(0, 0, { id: 'new' });
    expect(labels(sections).slice(4)).toEqual(['new=2.1', 'b1=2.2', 'b2=2.3', 'c1=3.1']);
  });

  it('follows a delete and a move between sections', () => {
    const sections = outline();
    sections[0]!.items.splice(1, 1); // a2 removed
    const [moved] = sections[2]!.items.splice(0, 1); // b1 to the conclusions' end
    sections[3]!.items.push(moved!);
    expect(labels(sections)).toEqual(['a1=I.1', 'a3=I.2', 'p1=', 'b2=2.1', 'c1=3.1', 'b1=3.2']);
  });

  it('renumbers sections when a section moves', () => {
    const sections = outline();
    const [c] = sections.splice(3, 1);
    sections.splice(0, 0, c!);
    expect(labels(sections)).toEqual(['c1=1.1', 'a1=II.1', 'a2=II.2', 'a3=II.3', 'p1=', 'b1=3.1', 'b2=3.2']);
  });

  it('writes cross-references in the current numbering, sorted', () => {
    const numbering = deriveNumbering(outline());
    expect(crossReference(['c1', 'b1', 'a2'], numbering)).toBe('zie I.2, 2.1 en 3.1');
    expect(crossReference(['b2'], numbering)).toBe('zie 2.2');
    expect(crossReference(['p1', 'gone'], numbering)).toBe('');
  });

  it('gives every item a unique number, whatever the order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ numbering: fc.constantFrom('decimaal', 'romeins', 'geen' as const), count: fc.nat(6) }), { maxLength: 8 }),
        (shape) => {
          const sections: OutlineSection[] = shape.map((section, s) => ({
            id: `s${s}`,
            numbering: section.numbering as OutlineSection['numbering'],
            items: Array.from({ length: section.count }, (_, i) => ({ id: `s${s}i${i}` })),
          }));
          const numbering = deriveNumbering(sections);
          const numbered = [...numbering.items.values()].filter((label) => label !== '');
          expect(new Set(numbered).size).toBe(numbered.length);
        },
      ),
    );
  });

  it('writes roman numerals', () => {
    expect([1, 4, 9, 14, 40, 90, 400, 1994].map(toRoman)).toEqual(['I', 'IV', 'IX', 'XIV', 'XL', 'XC', 'CD', 'MCMXCIV']);
  });
});

describe('kenmerk generation', () => {
  it('fills the pattern with the year and a three-digit sequence', () => {
    expect(formatKenmerk('WMO-{jaar}-{volgnummer}', 2014, 7)).toBe('WMO-2014-007');
    expect(formatKenmerk('{volgnummer}/{jaar}/AR', 2026, 123)).toBe('123/2026/AR');
  });

  it('skips kenmerken that are already taken', async () => {
    const taken = new Set(['WMO-2026-004', 'WMO-2026-005']);
    expect(await nextKenmerk('WMO-{jaar}-{volgnummer}', 2026, 3, async (k) => taken.has(k))).toEqual({ kenmerk: 'WMO-2026-006', sequence: 6 });
  });
});

describe('text from Word', () => {
  it('removes invisible characters and normalises spaces and breaks', () => {
    const pasted = 'Wijk\u00ADteam\u200B  werkt\u00A0goed\r\nnieuwe regel\u000Bzacht\uFEFF';
    expect(cleanPastedText(pasted)).toBe('Wijkteam  werkt goed\nnieuwe regel\nzacht');
  });

  it('keeps smart quotes and dashes, which belong in a letter', () => {
    expect(cleanPastedText('‘Zorg’ – “dichtbij”')).toBe('‘Zorg’ – “dichtbij”');
  });

  it('reads paragraphs and bullet lists', () => {
    expect(parseTextBlocks('Eerste alinea\nloopt door.\n\n- een\n• twee\n* drie\nSlot.')).toEqual([
      { kind: 'paragraph', text: 'Eerste alinea loopt door.' },
      { kind: 'bullets', items: ['een', 'twee', 'drie'] },
      { kind: 'paragraph', text: 'Slot.' },
    ]);
  });
});
