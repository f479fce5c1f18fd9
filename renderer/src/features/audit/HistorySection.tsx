import { useId, useState } from 'react';
import type { AuditedTable, HistoryEntry } from '../../../../shared/api/reliability';
import { t } from '../../../../shared/i18n';
import { useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import './history.css';

/** What the advice page shows: the letter and its parts. */
export const ADVICE_HISTORY_TABLES: AuditedTable[] = ['advices', 'advice_sections', 'advice_items'];
/** What the response page shows: the college's answer and what followed. */
export const FOLLOWUP_HISTORY_TABLES: AuditedTable[] = ['advice_responses', 'recommendation_positions', 'commitments', 'followup_entries', 'advice_followup'];

/** One line per changed field ("23 november 2026 om 14:05 — Jan de Vries — Status: concept → vastgesteld"), one per added or removed record. */
function lines(entry: HistoryEntry): string[] {
  const head = (what: string) => t('audit.historyLine', { at: entry.atLabel, user: entry.userName, what });
  if (entry.action !== 'update') return [head(t('audit.subjectAction', { subject: entry.subject, action: entry.actionLabel }))];
  return entry.changes.map((change) => {
    const text = t('audit.change', { label: change.label, from: change.from, to: change.to });
    // The record asked for, or a record that is its one field ("Status van de opvolging"), needs no subject.
    return head(entry.self || entry.subject === change.label ? text : t('audit.subjectChange', { subject: entry.subject, change: text }));
  });
}

/** "Geschiedenis": who changed what and when, collapsed until asked for. */
export function HistorySection({ table, recordId, tables }: { table: AuditedTable; recordId: string; tables?: AuditedTable[] }) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const panelId = useId();
  // Read when opened; every write refetches the audit trail (data/queries.ts), so it follows each save.
  const history = useApiQuery('audit.history', { table, recordId }, { enabled: open });
  const entries: HistoryEntry[] | null = history.data ? (tables ? history.data.filter((entry) => tables.includes(entry.table)) : history.data) : null;
  const error = history.isError && !history.data ? history.error.message : null;

  return (
    <section className="aw-card aw-history" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        <Button appearance="subtle" className="aw-history__toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          <span aria-hidden="true" className="aw-history__marker">
            {open ? '▾' : '▸'}
          </span>{' '}
          {t('audit.historyTitle')}
        </Button>
      </Heading>
      <div id={panelId} hidden={!open}>
        {open && (
          <>
            <Paragraph>{t('audit.historyIntro')}</Paragraph>
            {error && <Alert kind="error">{error}</Alert>}
            {!error && entries === null && <Paragraph>{t('audit.historyLoading')}</Paragraph>}
            {entries !== null && entries.length === 0 && <Paragraph>{t('audit.historyEmpty')}</Paragraph>}
            {entries !== null && entries.length > 0 && (
              <ul className="aw-history__list" data-testid="history">
                {entries.flatMap((entry) => lines(entry).map((line, index) => <li key={`${entry.id}-${index}`}>{line}</li>))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
