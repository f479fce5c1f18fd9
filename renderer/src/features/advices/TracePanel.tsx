import { useEffect, useMemo, useState } from 'react';
import type { AdviceDetail, ItemTrace } from '../../../../shared/api/advices';
import { formatDateLong, t } from '../../../../shared/i18n';
import { api } from '../../api';
import { Heading, Paragraph } from '../../ui/Heading';
import { itemLabel } from './Outline';

export function TracePanel({ advice, itemId }: { advice: AdviceDetail; itemId: string | null }) {
  const [trace, setTrace] = useState<ItemTrace | null>(null);
  const item = advice.sections.flatMap((section) => section.items).find((candidate) => candidate.id === itemId);
  const key = item ? `${item.id}:${item.findingIds.join()}:${item.signalIds.join()}:${item.relatedItemIds.join()}:${item.number}` : '';
  const tracedId = item?.id ?? null;
  useEffect(() => {
    if (!tracedId) {
      setTrace(null);
      return;
    }
    // Reloaded when the item's links or number change (the key), not on every new advice object.
    void api.call('advices.traceItem', { id: tracedId }).then(setTrace, () => setTrace(null));
  }, [tracedId, key]);
  const byMeeting = useMemo(() => {
    const groups = new Map<string, { title: string; date: string; texts: string[] }>();
    for (const finding of trace?.findings ?? []) {
      const group = groups.get(finding.meetingId ?? '') ?? { title: finding.meetingTitle || '—', date: finding.meetingDate, texts: [] };
      group.texts.push(finding.text);
      groups.set(finding.meetingId ?? '', group);
    }
    return [...groups.values()];
  }, [trace]);
  return (
    <section className="aw-card" aria-labelledby="herleid-titel">
      <Heading level={2} id="herleid-titel">
        {t('advicesUi.trace')}
      </Heading>
      {!item || !trace ? (
        <Paragraph className="aw-muted">{t('advicesUi.traceNone')}</Paragraph>
      ) : (
        <div data-testid="trace-panel">
          <Heading level={3}>{t('advicesUi.traceOf', { item: itemLabel(item) })}</Heading>
          <p className="aw-strong">{t('advicesUi.traceSignals')}</p>
          {trace.signals.length === 0 ? (
            <p className="aw-muted">{t('advicesUi.traceEmpty')}</p>
          ) : (
            <ul>
              {trace.signals.map((signal) => (
                <li key={signal.id}>{signal.title}</li>
              ))}
            </ul>
          )}
          <p className="aw-strong">{t('advicesUi.traceFindings')}</p>
          {byMeeting.length === 0 ? (
            <p className="aw-muted">{t('advicesUi.traceEmpty')}</p>
          ) : (
            byMeeting.map((group) => (
              <div key={group.title + group.date}>
                <p>
                  {group.title}
                  {group.date ? `, ${formatDateLong(group.date)}` : ''}
                </p>
                <ul>
                  {group.texts.map((text, index) => (
                    <li key={index}>{text}</li>
                  ))}
                </ul>
              </div>
            ))
          )}
          {trace.relatedItems.length > 0 && (
            <>
              <p className="aw-strong">{t('advicesUi.traceRelated')}</p>
              <ul>
                {trace.relatedItems.map((related) => (
                  <li key={related.id}>
                    {related.number} {related.text}
                  </li>
                ))}
              </ul>
            </>
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
        </div>
      )}
    </section>
  );
}
