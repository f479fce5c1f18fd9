/**
 * Which optional columns the findings table shows and how wide they are (CSS px). The text and
 * selection columns always show; the text column takes the width that is left.
 */
export const OPTIONAL_COLUMNS = ['meeting', 'theme', 'source', 'wijk', 'date', 'votes', 'signal'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export const DEFAULT_WIDTHS: Record<OptionalColumn, number> = {
  meeting: 144,
  theme: 128,
  source: 112,
  wijk: 104,
  date: 112,
  votes: 128,
  signal: 152,
};
/** Wide enough for the longest header word ("Stemmen", "Bijeenkomst") with its sort mark at 200 % zoom too: headers wrap, never clip. */
export const MIN_WIDTH = 96;
export const MAX_WIDTH = 640;
/** One "Smaller"/"Breder" step. */
export const WIDTH_STEP = 32;
/** The text column's least width; the table scrolls sideways in its own region below that. */
export const TEXT_MIN_WIDTH = 240;
export const SELECT_WIDTH = 44;

export interface ColumnPrefs {
  hidden: OptionalColumn[];
  widths: Partial<Record<OptionalColumn, number>>;
}

/**
 * "Bron" starts hidden: with it, the default columns no longer fit beside the text at 1366 px
 * (the most common laptop screen); one tick in "Kolommen kiezen" shows it.
 */
export const DEFAULT_PREFS: ColumnPrefs = { hidden: ['source'], widths: {} };

/** The stored key (localStorage, per device); bump the version when the shape changes. */
export const PREFS_KEY = 'findings-table-columns-v1';

function isOptional(value: unknown): value is OptionalColumn {
  return typeof value === 'string' && (OPTIONAL_COLUMNS as readonly string[]).includes(value);
}

export function clampWidth(width: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}

/** Whatever was stored, made valid: unknown columns and odd widths are dropped. */
export function parseColumnPrefs(raw: unknown): ColumnPrefs {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return DEFAULT_PREFS;
  const { hidden, widths } = raw as { hidden?: unknown; widths?: unknown };
  const prefs: ColumnPrefs = { hidden: Array.isArray(hidden) ? [...new Set(hidden.filter(isOptional))] : [], widths: {} };
  if (typeof widths === 'object' && widths !== null) {
    for (const [column, width] of Object.entries(widths)) {
      if (isOptional(column) && typeof width === 'number' && Number.isFinite(width)) prefs.widths[column] = clampWidth(width);
    }
  }
  return prefs;
}

export function widthOf(prefs: ColumnPrefs, column: OptionalColumn): number {
  return prefs.widths[column] ?? DEFAULT_WIDTHS[column];
}
