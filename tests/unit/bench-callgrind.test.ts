import { expect, it } from 'vitest';
import { parseMillions, perCaseInstructions, readCallgrindDump, readPreviousInstructions, formatInstructionTable } from '../../scripts/bench/callgrind';

const dump = (part: number, totals: string, events = 'Ir') => `version: 1\ncreator: callgrind-3.19.0\npid: 1\ncmd: node\npart: ${part}\n\ndesc: Trigger: --dump-before=uv_os_gethostname\n\npositions: line\nevents: ${events}\nsummary: ${totals}\n\nfn=(1) main\n0 5\n\ntotals: ${totals}\n`;

it('reads the Ir total and the part of a callgrind dump, also when Ir is not the first event', () => {
  expect(readCallgrindDump(dump(3, '11514791021'))).toEqual({ part: 3, instructions: 11_514_791_021 });
  expect(readCallgrindDump(dump(2, '7 42', 'Dr Ir'))).toEqual({ part: 2, instructions: 42 });
  expect(() => readCallgrindDump('events: Ir\n')).toThrow(/totals/);
  expect(() => readCallgrindDump(dump(1, '5', 'Dr'))).toThrow(/Ir/);
});

it('takes the counted parts from the end, subtracts the empty part and divides by the iterations', () => {
  // start-up split in two by Node, empty (100), then settle/call/settle/floor for one case, then exit.
  const parts = [999, 888, 100, 7, 1100, 7, 600, 5].map((instructions, index) => ({ part: index + 1, instructions }));
  expect(perCaseInstructions([...parts].reverse(), 1, 10)).toEqual([{ call: 100, floor: 50 }]);
  expect(() => perCaseInstructions(parts.slice(0, 4), 1, 10)).toThrow(/verwacht/);
  expect(() => perCaseInstructions(parts.filter((p) => p.part !== 4), 1, 10)).toThrow(/ontbreekt/);
});

it('reads back the figures the table writes', () => {
  const table = formatInstructionTable([{ name: 'eerste pagina', calls: [5.3e6, 5.3e6], floors: [3.6e6, 3.6e6] }]);
  expect(readPreviousInstructions(table).get('eerste pagina')).toEqual({ call: 5.3e6, overhead: 1.7e6 });
  expect(parseMillions('5,30 M')).toBe(5.3e6);
  expect(parseMillions('5.30')).toBeNull();
});
