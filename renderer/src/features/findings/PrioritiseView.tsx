import { useCallback, useEffect, useState } from 'react';
import type { SignalList } from '../../../../shared/api/meetings';
import { t } from '../../../../shared/i18n';
import { api } from '../../api';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { fieldErrors, priorityLabel, SelectField } from '../meetings/controls';

type Sort = 'votes' | 'priority' | 'meetings';

/** Votes and priority marks on signals, as a council does after an expert meeting, sorted by them. */
export function PrioritiseView() {
  const [sort, setSort] = useState<Sort>('votes');
  const [list, setList] = useState<SignalList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => setList(await api.call('signals.list', { sort, limit: 200 })), [sort]);
  useEffect(() => void load(), [load]);

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
      await load();
    } catch (caught) {
      setError(fieldErrors(caught).message);
    }
  };

  return (
    <section aria-labelledby="prioriteren-titel">
      <Heading level={2} id="prioriteren-titel">
        {t('prioritise.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('prioritise.intro')}</Paragraph>
      <SelectField label={t('findings.sort')} value={sort} onChange={(event) => setSort(event.target.value as Sort)}>
        <option value="votes">{t('prioritise.sortVotes')}</option>
        <option value="priority">{t('prioritise.sortPriority')}</option>
        <option value="meetings">{t('prioritise.sortMeetings')}</option>
      </SelectField>
      {error && <Alert kind="error">{error}</Alert>}
      {!list ? (
        <Paragraph>{t('app.loading')}</Paragraph>
      ) : list.rows.length === 0 ? (
        <Paragraph>{t('signals.empty')}</Paragraph>
      ) : (
        <table className="utrecht-table aw-table">
          <caption className="aw-visually-hidden">{t('prioritise.title')}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">{t('signals.signalTitle')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('prioritise.mentionedColumn')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('findings.votes')}</th>
              <th scope="col" className="utrecht-table__header-cell">{t('findings.priority')}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {list.rows.map((signal) => (
              <tr key={signal.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">{signal.title}</td>
                <td className="utrecht-table__cell">{t('signals.mentioned', { count: signal.meetingCount, total: list.totalMeetings })}</td>
                <td className="utrecht-table__cell">
                  <div className="aw-button-row">
                    <Button appearance="subtle" onClick={() => void act(() => api.call('signals.vote', { id: signal.id, delta: -1 }))} aria-label={t('prioritise.voteDown', { title: signal.title })} disabled={signal.votes === 0}>
                      −
                    </Button>
                    <span aria-live="polite">{t('prioritise.votes', { count: signal.votes })}</span>
                    <Button appearance="subtle" onClick={() => void act(() => api.call('signals.vote', { id: signal.id, delta: 1 }))} aria-label={t('prioritise.voteUp', { title: signal.title })}>
                      +
                    </Button>
                  </div>
                </td>
                <td className="utrecht-table__cell">
                  <label className="aw-visually-hidden" htmlFor={`prio-${signal.id}`}>
                    {t('prioritise.setPriority', { title: signal.title })}
                  </label>
                  <select
                    id={`prio-${signal.id}`}
                    className="utrecht-select utrecht-select--html-select"
                    value={signal.priority}
                    onChange={(event) => void act(() => api.call('signals.update', { id: signal.id, priority: Number(event.target.value) }))}
                  >
                    {[0, 1, 2, 3].map((priority) => (
                      <option key={priority} value={priority}>
                        {priorityLabel(priority)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
