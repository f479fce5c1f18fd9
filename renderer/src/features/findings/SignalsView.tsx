import { useState } from 'react';
import { PRIORITIES, type SignalDetail } from '../../../../shared/api/meetings';
import { formatDateShort, t } from '../../../../shared/i18n';
import { apiFetch, apiWrite, useApiQuery } from '../../data/queries';
import { TextField } from '../../ui/Field';
import { PagedQuery } from '../../ui/Pager';
import { usePagedSearch } from '../../ui/usePagedSearch';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Heading, Paragraph } from '../../ui/Heading';
import { fieldErrors, priorityLabel, SelectField, sourceLabel } from '../meetings/controls';

const PAGE_SIZE = 50;

/** Search and filters of a signals list (Signalen, Prioriteren): the core searches and pages. */
export interface SignalFilterState {
  query: string;
  wijkId: string;
  priority: string;
  minMeetings: string;
}

export const NO_SIGNAL_FILTER: SignalFilterState = { query: '', wijkId: '', priority: '', minMeetings: '' };

/** The `signals.list` input for a filter state (empty choices left out). */
export function signalFilterInput(filter: SignalFilterState) {
  return {
    query: filter.query,
    ...(filter.wijkId ? { wijkId: filter.wijkId } : {}),
    ...(filter.priority ? { priority: Number(filter.priority) } : {}),
    ...(filter.minMeetings ? { minMeetings: Number(filter.minMeetings) } : {}),
  };
}

/** Search box and filters for signals; changing one goes back to the first page. */
export function SignalFilters({ value, onChange }: { value: SignalFilterState; onChange(next: SignalFilterState): void }) {
  const wijken = useApiQuery('wijken.list').data ?? [];
  const set = (key: keyof SignalFilterState, next: string) => onChange({ ...value, [key]: next });
  return (
    <div className="aw-filters" role="search">
      <TextField type="search" label={t('lists.search')} description={t('lists.searchSignalsHint')} value={value.query} onChange={(event) => set('query', event.target.value)} />
      <SelectField label={t('findings.wijk')} value={value.wijkId} onChange={(event) => set('wijkId', event.target.value)}>
        <option value="">{t('lists.allWijken')}</option>
        {wijken.map((wijk) => (
          <option key={wijk.id} value={wijk.id}>
            {wijk.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('findings.priority')} value={value.priority} onChange={(event) => set('priority', event.target.value)}>
        <option value="">{t('lists.allPriorities')}</option>
        {PRIORITIES.map((priority) => (
          <option key={priority} value={priority}>
            {priorityLabel(priority)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('lists.minMeetings')} value={value.minMeetings} onChange={(event) => set('minMeetings', event.target.value)}>
        <option value="">{t('lists.anyMeetings')}</option>
        {[2, 3, 5, 10].map((count) => (
          <option key={count} value={count}>
            {t('lists.atLeastMeetings', { count })}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** Signals, most often raised first: "genoemd op 7 van 12 bijeenkomsten", with the findings behind each. */
export function SignalsView() {
  const [filter, setFilter] = useState<SignalFilterState>(NO_SIGNAL_FILTER);
  const list = usePagedSearch('signals.list', {
    search: filter.query,
    input: (query) => ({ sort: 'meetings', ...signalFilterInput({ ...filter, query }) }),
    pageSize: PAGE_SIZE,
  });
  const [open, setOpen] = useState<Record<string, SignalDetail>>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const [toDelete, setToDelete] = useState<{ id: string; title: string } | null>(null);

  const toggle = async (id: string) => {
    if (open[id]) {
      const { [id]: _closed, ...rest } = open;
      setOpen(rest);
    } else {
      const detail = await apiFetch('signals.get', { id });
      setOpen({ ...open, [id]: detail });
    }
  };

  const remove = async (signalId: string, findingId: string) => {
    try {
      const detail = await apiWrite('signals.removeFindings', { signalId, findingIds: [findingId] });
      setOpen({ ...open, [signalId]: detail });
      setStatus({ kind: 'ok', message: t('signals.removed') });
    } catch (error) {
      setStatus({ kind: 'error', message: fieldErrors(error).message });
    }
  };

  const confirmDelete = async () => {
    if (!toDelete) return;
    const signal = toDelete;
    setToDelete(null);
    try {
      await apiWrite('signals.delete', { id: signal.id });
      setStatus({ kind: 'ok', message: t('signals.deleted', { title: signal.title }) });
    } catch (error) {
      setStatus({ kind: 'error', message: fieldErrors(error).message });
    }
  };

  return (
    <section aria-labelledby="signalen-titel">
      <Heading level={2} id="signalen-titel">
        {t('signals.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('signals.intro')}</Paragraph>
      {status && <Alert kind={status.kind}>{status.message}</Alert>}
      <SignalFilters value={filter} onChange={setFilter} />
      <PagedQuery paged={list} label={t('lists.pagerSignals')}>
        {(list) => (
          <>
            {list.rows.length === 0 ? (
              <Paragraph>{filter === NO_SIGNAL_FILTER ? t('signals.empty') : t('lists.noMatch')}</Paragraph>
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
                    <Button appearance="subtle" aria-label={`${t('common.delete')}: ${signal.title}`} onClick={() => setToDelete({ id: signal.id, title: signal.title })}>
                      {t('common.delete')}
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
          </>
        )}
      </PagedQuery>
      <ConfirmDialog
        open={toDelete !== null}
        title={t('common.delete')}
        message={toDelete ? t('signals.confirmDelete', { title: toDelete.title }) : ''}
        confirmLabel={t('common.delete')}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setToDelete(null)}
      />
    </section>
  );
}
