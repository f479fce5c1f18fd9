import { useCallback, useEffect, useState } from 'react';
import type { SignalDetail, SignalList } from '../../../../shared/api/meetings';
import { formatDateShort, t } from '../../../../shared/i18n';
import { api } from '../../api';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { fieldErrors, sourceLabel } from '../meetings/controls';

/** Signals, most often raised first: "genoemd op 7 van 12 bijeenkomsten", with the findings behind each. */
export function SignalsView() {
  const [list, setList] = useState<SignalList | null>(null);
  const [open, setOpen] = useState<Record<string, SignalDetail>>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const load = useCallback(async () => setList(await api.call('signals.list', { sort: 'meetings', limit: 200 })), []);
  useEffect(() => void load(), [load]);

  const toggle = async (id: string) => {
    if (open[id]) {
      const { [id]: _closed, ...rest } = open;
      setOpen(rest);
    } else {
      const detail = await api.call('signals.get', { id });
      setOpen({ ...open, [id]: detail });
    }
  };

  const remove = async (signalId: string, findingId: string) => {
    try {
      const detail = await api.call('signals.removeFindings', { signalId, findingIds: [findingId] });
      setOpen({ ...open, [signalId]: detail });
      setStatus({ kind: 'ok', message: t('signals.removed') });
      await load();
    } catch (error) {
      setStatus({ kind: 'error', message: fieldErrors(error).message });
    }
  };

  if (!list) return <Paragraph>{t('app.loading')}</Paragraph>;
  return (
    <section aria-labelledby="signalen-titel">
      <Heading level={2} id="signalen-titel">
        {t('signals.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('signals.intro')}</Paragraph>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      {list.rows.length === 0 ? (
        <Paragraph>{t('signals.empty')}</Paragraph>
      ) : (
        <ol className="aw-signal-list">
          {list.rows.map((signal) => (
            <li key={signal.id}>
              <Heading level={3}>{signal.title}</Heading>
              <p>
                <span className="aw-count-badge">{t('signals.mentioned', { count: signal.meetingCount, total: list.totalMeetings })}</span>
                {' · '}
                {t('signals.wijkCount', { count: signal.wijkCount })}
                {' · '}
                {t('signals.findingCount', { count: signal.findingCount })}
              </p>
              <Button
                appearance="subtle"
                aria-expanded={Boolean(open[signal.id])}
                aria-label={`${open[signal.id] ? t('signals.hide') : t('signals.show')}: ${signal.title}`}
                onClick={() => void toggle(signal.id)}
              >
                {open[signal.id] ? t('signals.hide') : t('signals.show')}
              </Button>
              {open[signal.id] && (
                <ul className="aw-entry-list" aria-label={`${t('signals.findings')}: ${signal.title}`}>
                  {open[signal.id]!.findings.map((finding) => (
                    <li key={finding.id}>
                      <div>
                        <div>{finding.text}</div>
                        <div className="aw-entry-meta">
                          {[finding.meetingTitle ?? t('findings.noMeeting'), formatDateShort(finding.date), finding.wijkName, sourceLabel(finding.source)].filter(Boolean).join(' · ')}
                        </div>
                      </div>
                      <Button appearance="subtle" onClick={() => void remove(signal.id, finding.id)} aria-label={t('signals.removeFinding', { text: finding.text.slice(0, 60) })}>
                        {t('signals.removeShort')}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
