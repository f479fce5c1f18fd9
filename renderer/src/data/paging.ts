/**
 * The pages of a list read as it scrolls (a virtualised table). The first page may be smaller than
 * the rest: it is what a search waits for, so it only has to fill the screen and a little more;
 * the pages after it come while scrolling, where fewer, larger requests serve better.
 */
export interface PageSizes {
  first: number;
  rest: number;
}

/** How many rows the page starting at `offset` asks for. */
export function pageLimit(offset: number, sizes: PageSizes): number {
  return offset === 0 ? sizes.first : sizes.rest;
}

/** Where the page after this one starts; undefined when this page was not full (it ends the list). */
export function nextPageOffset(rowsInPage: number, offset: number, sizes: PageSizes): number | undefined {
  return rowsInPage === pageLimit(offset, sizes) ? offset + rowsInPage : undefined;
}
