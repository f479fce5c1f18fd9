import type { FindingFilters, FindingSort } from '../../../../shared/api/meetings';

/**
 * What the findings overview shows now (search, filters, sort); the export writes the same rows.
 * Its own module so the overview and the export section both depend on it, not on each other.
 */
export interface OverviewQuery {
  query: string;
  filters: FindingFilters;
  sort: FindingSort;
  direction: 'asc' | 'desc';
}
