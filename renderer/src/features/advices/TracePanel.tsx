import { useMemo } from 'react';
import { dutchList } from '../../../../shared/advices/numbering';
import type { AdviceDetail, ItemTrace } from '../../../../shared/api/advices';
import { formatDateLong, t } from '../../../../shared/i18n';
import { useApiQuery } from '../../data/queries';
import { QueryError } from '../../ui/QueryState';
import { Heading } from '../../ui/Heading';
import { itemLabel } from './item-label';

/** " (via I.1 en 2.1)" for evidence that came through other items, nothing for the item's own. */
function via(numbers: string[]): string {
  return numbers.length > 0 ? ` ${t('advicesUi.traceVia', { items: dutchList(numbers) })}` : '';
}

/**
 * Herleidbaarheid of the selected item, where it is edited: the items it follows from ("Volgt uit",
 * transitively), the signals and findings behind it and its chain, and the meetings they came from.
 */
export function TracePanel({ advice, itemId }: { advice: AdviceDetail; itemId: string }) {
  // Refetched after every write to the advice (its links or numbering may change the chain): data/queries.ts.
  const traceQuery = useApiQuery('advices.traceItem', { id: itemId });
  const trace: ItemTrace | undefined = traceQuery.data;
  const item = advice.sections.flatMap((section) => section.items).find((candidate) => candidate.id === itemId);
  const byMeeting = useMemo(() => {
    const groups = new Map<string, { title: string; date: string; lines: string[] }>();
    for (const finding of trace?.findings ?? []) {
      const group = groups.get(finding.meetingId ?? '') ?? { title: finding.meetingTitle || '—', date: finding.meetingDate, lines: [] };
      group.lines.push(finding.text + via(finding.via));
      groups.set(finding.meetingId ?? '', group);
    }
    return [...groups.values()];
  }, [trace]);
  if (!item) return null;
  const headingId = `herleid-${item.id}`;
  return (
    <section className="aw-trace" aria-labelledby={headingId} data-testid="trace-panel">
      <Heading level={3} id={headingId}>
        {t('advicesUi.traceOf', { item: itemLabel(item) })}
      </Heading>
      {traceQuery.isError && !trace ? (
        <QueryError error={traceQuery.error} retry={() => void traceQuery.refetch()} />
      ) : !trace ? (
        <p className="aw-muted">{t('app.loading')}</p>
      ) : (
        <>
          <p className="aw-strong">{t('advicesUi.traceRelated')}</p>
          {trace.chain.length === 0 ? (
            <p className="aw-muted">{t('advicesUi.traceEmpty')}</p>
          ) : (
            <ul data-testid="trace-chain">
              {trace.chain.map((link) => (
                <li key={link.id}>
                  <strong>{link.number}</strong> {link.text} <span className="aw-muted">({t(`advicesUi.itemKind_${link.kind}`)})</span>
                </li>
              ))}
            </ul>
          )}
          <p className="aw-strong">{t('advicesUi.traceSignals')}</p>
          {trace.signals.length === 0 ? (
            <p className="aw-muted">{t('advicesUi.traceEmpty')}</p>
          ) : (
            <ul>
              {trace.signals.map((signal) => (
                <li key={signal.id}>
                  {signal.title}
                  {via(signal.via)}
                </li>
              ))}
            </ul>
          )}
          <p className="aw-strong">{t('advicesUi.traceMeetings')}</p>
          {trace.meetings.length === 0 ? (
            <p className="aw-muted">{t('advicesUi.traceEmpty')}</p>
          ) : (
            <ul data-testid="trace-meetings">
              {trace.meetings.map((meeting) => (
                <li key={meeting.id}>{t('advicesUi.traceMeetingLine', { title: meeting.title, date: meeting.date ? formatDateLong(meeting.date) : '', count: meeting.findingCount })}</li>
              ))}
            </ul>
          )}
          {byMeeting.length > 0 && (
            <details>
              <summary>{t('advicesUi.traceFindingsCount', { count: trace.findings.length })}</summary>
              {byMeeting.map((group) => (
                <div key={group.title + group.date}>
                  <p>
                    {group.title}
                    {group.date ? `, ${formatDateLong(group.date)}` : ''}
                  </p>
                  <ul>
                    {group.lines.map((line, index) => (
                      <li key={index}>{line}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </details>
          )}
          {trace.citedByItems.length > 0 && (
            <>
              <p className="aw-strong">{t('advicesUi.traceCitedBy')}</p>
              <ul>
                {trace.citedByItems.map((citing) => (
                  <li key={citing.id}>
                    {citing.number} {citing.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
