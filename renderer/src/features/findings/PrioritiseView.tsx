import { useState } from 'react';
import { formatDateShort, t } from '../../../../shared/i18n';
import { apiWrite, NO_ROWS, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { PagedQuery } from '../../ui/Pager';
import { usePagedSearch } from '../../ui/usePagedSearch';
import { fieldErrors, priorityLabel, SelectField } from '../meetings/controls';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { NO_SIGNAL_FILTER, SignalFilters, signalFilterInput, type SignalFilterState } from './SignalsView';

const PAGE_SIZE = 50;

type Sort = 'votes' | 'priority' | 'meetings';
type Target = 'signals' | 'findings';

interface Point {
  id: string;
  title: string;
  detail: string;
  votes: number;
  priority: number;
}

/**
 * Votes and priority marks, as a council does after an expert meeting, sorted by them: on signals,
 * or on the separate findings of one meeting.
 */
export function PrioritiseView() {
  const [target, setTarget] = useState<Target>('signals');
  const [sort, setSort] = useState<Sort>('votes');
  const [meetingId, setMeetingId] = useState('');
  const meetings = useApiQuery('meetings.list', {}).data ?? NO_ROWS;
  const [filter, setFilter] = useState<SignalFilterState>(NO_SIGNAL_FILTER);
  const [error, setError] = useState<string | null>(null);
  // One list per target; only the one on screen reads.
  const signals = usePagedSearch('signals.list', {
    search: filter.query,
    input: (query) => ({ sort, ...signalFilterInput({ ...filter, query }) }),
    pageSize: PAGE_SIZE,
    enabled: target === 'signals',
  });
  const findings = usePagedSearch('findings.search', {
    search: '',
    input: () => ({ sort: sort === 'meetings' ? 'date' : sort, direction: 'desc' as const, filters: meetingId ? { meetingId } : {} }),
    pageSize: PAGE_SIZE,
    enabled: target === 'findings',
  });

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
    } catch (caught) {
      setError(fieldErrors(caught).message);
    }
  };
  const vote = (id: string, delta: 1 | -1) =>
    act(() => (target === 'signals' ? apiWrite('signals.vote', { id, delta }) : apiWrite('findings.vote', { id, delta })));
  const setPriority = (id: string, priority: number) =>
    act(() => (target === 'signals' ? apiWrite('signals.update', { id, priority }) : apiWrite('findings.update', { id, priority })));

  return (
    <section aria-labelledby="prioriteren-titel">
      <Heading level={2} id="prioriteren-titel">
        {t('prioritise.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('prioritise.intro')}</Paragraph>
      <div className="aw-filters">
        <SelectField label={t('prioritise.target')} value={target} onChange={(event) => setTarget(event.target.value as Target)}>
          <option value="signals">{t('prioritise.targetSignals')}</option>
          <option value="findings">{t('prioritise.targetFindings')}</option>
        </SelectField>
        {target === 'findings' && (
          <SelectField label={t('findings.meeting')} value={meetingId} onChange={(event) => setMeetingId(event.target.value)}>
            <option value="">{t('findings.allMeetings')}</option>
            {meetings.map((meeting) => (
              <option key={meeting.id} value={meeting.id}>
                {meeting.title} ({formatDateShort(meeting.date)})
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={t('findings.sort')} value={sort} onChange={(event) => setSort(event.target.value as Sort)}>
          <option value="votes">{t('prioritise.sortVotes')}</option>
          <option value="priority">{t('prioritise.sortPriority')}</option>
          <option value="meetings">{target === 'signals' ? t('prioritise.sortMeetings') : t('prioritise.sortDate')}</option>
        </SelectField>
      </div>
      {target === 'signals' && <SignalFilters value={filter} onChange={setFilter} />}
      {error && <Alert kind="error">{error}</Alert>}
      {target === 'signals' ? (
        <PagedQuery paged={signals} label={t('lists.pagerPoints')}>
          {(list) =>
            renderPoints(
              list.rows.map((signal) => ({
                id: signal.id,
                title: signal.title,
                detail: t('signals.mentioned', { count: signal.meetingCount, total: list.totalMeetings }),
                votes: signal.votes,
                priority: signal.priority,
              })),
            )
          }
        </PagedQuery>
      ) : (
        <PagedQuery paged={findings} label={t('lists.pagerPoints')}>
          {(page) =>
            renderPoints(
              page.rows.map((finding) => ({
                id: finding.id,
                title: finding.text,
                detail: [finding.meetingTitle, formatDateShort(finding.date), finding.theme].filter(Boolean).join(' · '),
                votes: finding.votes,
                priority: finding.priority,
              })),
            )
          }
        </PagedQuery>
      )}
    </section>
  );

  function renderPoints(points: Point[]) {
    return points.length === 0 ? (
      <Paragraph>{target === 'signals' ? t('signals.empty') : t('findings.noResults')}</Paragraph>
    ) : (
      <ScrollRegion label={t('prioritise.title')}>
        <table className="utrecht-table aw-table">
          <caption className="aw-visually-hidden">{t('prioritise.title')}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">{target === 'signals' ? t('signals.signalTitle') : t('findings.text')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('prioritise.mentionedColumn')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('findings.votes')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('findings.priority')}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {points.map((point) => {
              const short = point.title.length > 60 ? `${point.title.slice(0, 57)}…` : point.title;
              return (
                <tr key={point.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{point.title}</td>
                  <td className="utrecht-table__cell">{point.detail}</td>
                  <td className="utrecht-table__cell">
                    <div className="aw-button-row">
                      <Button appearance="subtle" onClick={() => void vote(point.id, -1)} aria-label={t('prioritise.voteDown', { title: short })} disabled={point.votes === 0}>
                        −
                      </Button>
                      <span>{t('prioritise.votes', { count: point.votes })}</span>
                      <Button appearance="subtle" onClick={() => void vote(point.id, 1)} aria-label={t('prioritise.voteUp', { title: short })}>
                        +
                      </Button>
                    </div>
                  </td>
                  <td className="utrecht-table__cell">
                    <label className="aw-visually-hidden" htmlFor={`prio-${point.id}`}>
                      {t('prioritise.setPriority', { title: short })}
                    </label>
                    <select
                      id={`prio-${point.id}`}
                      className="utrecht-select utrecht-select--html-select"
                      value={point.priority}
                      onChange={(event) => void setPriority(point.id, Number(event.target.value))}
                    >
                      {[0, 1, 2, 3].map((priority) => (
                        <option key={priority} value={priority}>
                          {priorityLabel(priority)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    );
  }
}
