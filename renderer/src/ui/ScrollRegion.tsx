import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways on its own when its content (a wide table) is wider than the window,
 * so the page itself never scrolls sideways (WCAG 1.4.10). It is a labelled region in the Tab
 * order, so keyboard users can scroll it with the arrow keys (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `aw-table-wrap ${className}` : 'aw-table-wrap'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
