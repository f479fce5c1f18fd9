import { describe, expect, it } from 'vitest';
import { nextPageOffset, pageLimit } from '../../../renderer/src/data/paging';

const sizes = { first: 100, rest: 200 };

/** Reads a list of `total` rows page by page as the table does, returning each page's offset and size. */
function readAll(total: number): { offset: number; rows: number }[] {
  const pages: { offset: number; rows: number }[] = [];
  let offset: number | undefined = 0;
  while (offset !== undefined) {
    const rows = Math.max(0, Math.min(pageLimit(offset, sizes), total - offset));
    pages.push({ offset, rows });
    offset = nextPageOffset(rows, offset, sizes);
  }
  return pages;
}

describe('paging with a smaller first page', () => {
  it('asks the first page for fewer rows than the pages after it', () => {
    expect(pageLimit(0, sizes)).toBe(100);
    expect(pageLimit(100, sizes)).toBe(200);
    expect(pageLimit(300, sizes)).toBe(200);
  });

  it('reads every row once, without gaps or overlap, and stops after the page that is not full', () => {
    expect(readAll(450)).toEqual([
      { offset: 0, rows: 100 },
      { offset: 100, rows: 200 },
      { offset: 300, rows: 150 },
    ]);
    expect(readAll(99)).toEqual([{ offset: 0, rows: 99 }]);
    expect(readAll(0)).toEqual([{ offset: 0, rows: 0 }]);
  });

  it('asks once more after a full last page, and the empty answer ends the list', () => {
    expect(readAll(300)).toEqual([
      { offset: 0, rows: 100 },
      { offset: 100, rows: 200 },
      { offset: 300, rows: 0 },
    ]);
  });
});
