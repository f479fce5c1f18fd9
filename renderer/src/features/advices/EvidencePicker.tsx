import { useEffect, useState } from 'react';
import type { AdviceItem } from '../../../../shared/api/advices';
import { t } from '../../../../shared/i18n';
import { apiWrite } from '../../data/queries';
import { useApiQuery } from '../../data/queries';
import { TextField } from '../../ui/Field';
import { itemField } from './advice-fields';
import type { OutlineActions } from './Outline';

const SHOWN = 20;

function LinkedFinding({ id, onUnlink }: { id: string; onUnlink(): void }) {
  const finding = useApiQuery('findings.get', { id }).data;
  return (
    <label className="aw-checkbox">
      <input type="checkbox" checked onChange={onUnlink} /> {finding ? finding.text.slice(0, 140) : '…'}
      {finding?.meetingTitle ? <span className="aw-muted"> ({finding.meetingTitle})</span> : null}
    </label>
  );
}

/**
 * Links any item (bevinding, conclusie, aanbeveling) straight to findings and signals: a search over
 * both, the linked ones on top to unlink. Each change is one `advices.updateItem`.
 */
export function EvidencePicker({ item, actions }: { item: AdviceItem; actions: OutlineActions }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const signals = useApiQuery('signals.list', { limit: 500 }, { enabled: open });
  const findings = useApiQuery('findings.search', { query: search, limit: SHOWN }, { enabled: open });
  const link = (fields: { findingIds?: string[]; signalIds?: string[] }) =>
    void actions.change(itemField(item.id, (shown) => [shown.findingIds, shown.signalIds]), JSON.stringify([item.findingIds, item.signalIds]), (expectedUpdatedAt) =>
      apiWrite('advices.updateItem', { id: item.id, ...fields, expectedUpdatedAt }),
    );
  const needle = search.toLocaleLowerCase('nl');
  const signalHits = (signals.data?.rows ?? [])
    .filter((signal) => !item.signalIds.includes(signal.id))
    .filter((signal) => !needle || `${signal.title} ${signal.description}`.toLocaleLowerCase('nl').includes(needle))
    .slice(0, SHOWN);
  const findingHits = (findings.data?.rows ?? []).filter((finding) => !item.findingIds.includes(finding.id));
  const signalTitle = (id: string) => signals.data?.rows.find((signal) => signal.id === id)?.title ?? '…';
  const linkedCount = item.findingIds.length + item.signalIds.length;
  return (
    <details className="aw-evidence" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('advicesUi.evidenceTitle', { findings: item.findingIds.length, signals: item.signalIds.length })}</summary>
      {open && (
        <div className="aw-evidence__body">
          {linkedCount > 0 && (
            <fieldset className="utrecht-form-fieldset aw-pick-list">
              <legend className="utrecht-form-label">{t('advicesUi.evidenceLinked')}</legend>
              {item.signalIds.map((id) => (
                <label key={id} className="aw-checkbox">
                  <input type="checkbox" checked onChange={() => link({ signalIds: item.signalIds.filter((other) => other !== id) })} /> {t('advicesUi.evidenceSignal', { title: signalTitle(id) })}
                </label>
              ))}
              {item.findingIds.map((id) => (
                <LinkedFinding key={id} id={id} onUnlink={() => link({ findingIds: item.findingIds.filter((other) => other !== id) })} />
              ))}
            </fieldset>
          )}
          <TextField type="search" label={t('advicesUi.evidenceSearch')} value={query} onChange={(event) => setQuery(event.target.value)} />
          <fieldset className="utrecht-form-fieldset aw-pick-list" aria-busy={signals.isFetching || undefined}>
            <legend className="utrecht-form-label">{t('advicesUi.evidenceSignals', { count: signalHits.length })}</legend>
            {signalHits.length === 0 && <p className="aw-muted">{t('advicesUi.evidenceNone')}</p>}
            {signalHits.map((signal) => (
              <label key={signal.id} className="aw-checkbox">
                <input type="checkbox" checked={false} onChange={() => link({ signalIds: [...item.signalIds, signal.id] })} />{' '}
                {t('advicesUi.signalMentioned', { title: signal.title, count: signal.meetingCount, total: signals.data?.totalMeetings ?? 0 })}
              </label>
            ))}
          </fieldset>
          <fieldset className="utrecht-form-fieldset aw-pick-list" aria-busy={findings.isFetching || undefined}>
            <legend className="utrecht-form-label">{t('advicesUi.evidenceFindings', { count: findings.data?.total ?? 0 })}</legend>
            {findingHits.length === 0 && <p className="aw-muted">{t('advicesUi.evidenceNone')}</p>}
            {findingHits.map((finding) => (
              <label key={finding.id} className="aw-checkbox">
                <input type="checkbox" checked={false} onChange={() => link({ findingIds: [...item.findingIds, finding.id] })} /> {finding.text.slice(0, 140)}
                {finding.meetingTitle ? <span className="aw-muted"> ({finding.meetingTitle})</span> : null}
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </details>
  );
}
