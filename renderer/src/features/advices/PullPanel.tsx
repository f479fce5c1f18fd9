import { useEffect, useState } from 'react';
import { useDebounced } from '../../ui/useDebounced';
import type { AdviceDetail } from '../../../../shared/api/advices';
import type { Finding, Signal } from '../../../../shared/api/meetings';
import { t } from '../../../../shared/i18n';
import { keepPreviousData } from '@tanstack/react-query';
import { apiWrite, useApiQuery } from '../../data/queries';
import { QueryError } from '../../ui/QueryState';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import type { OutlineActions } from './Outline';

export function PullPanel({ advice, actions }: { advice: AdviceDetail; actions: OutlineActions }) {
  const [sectionId, setSectionId] = useState(advice.sections[0]?.id ?? '');
  const [signalQuery, setSignalQuery] = useState('');
  const [query, setQuery] = useState('');
  // Picked records are kept by id with their text: a pick stays when a new search no longer lists it.
  const [pickedSignals, setPickedSignals] = useState<Map<string, Signal>>(new Map());
  const [pickedFindings, setPickedFindings] = useState<Map<string, Finding>>(new Map());
  const signalSearch = useDebounced(signalQuery, 250);
  const findingSearch = useDebounced(query, 250);
  const [mentions, setMentions] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!advice.sections.some((section) => section.id === sectionId)) setSectionId(advice.sections[0]?.id ?? '');
  }, [advice.sections, sectionId]);
  // Each search keeps showing its last answer while the next one loads (no flash of an empty list).
  const signalList = useApiQuery('signals.list', { query: signalSearch, limit: 50 }, { placeholderData: keepPreviousData });
  const findingPage = useApiQuery('findings.search', { query: findingSearch, limit: 20 }, { placeholderData: keepPreviousData });
  const signals: Signal[] = signalList.data?.rows ?? [];
  const signalTotal = signalList.data?.total ?? 0;
  const totalMeetings = signalList.data?.totalMeetings ?? 0;
  const findings: Finding[] = findingPage.data?.rows ?? [];
  const findingTotal = findingPage.data?.total ?? 0;
  const loadError = (signalList.isError && signalList.error) || (findingPage.isError && findingPage.error) || null;
  function toggle<T extends { id: string }>(picked: Map<string, T>, record: T, on: boolean): Map<string, T> {
    const next = new Map(picked);
    if (on) next.set(record.id, record);
    else next.delete(record.id);
    return next;
  }
  const add = async () => {
    if (!sectionId) return;
    const section = advice.sections.find((candidate) => candidate.id === sectionId);
    const kind = section?.numbering === 'romeins' ? 'bevinding' : /aanbeveling/i.test(section?.title ?? '') ? 'aanbeveling' : /conclusie/i.test(section?.title ?? '') ? 'conclusie' : 'bevinding';
    let count = 0;
    for (const signal of pickedSignals.values()) {
      await actions.run(() => apiWrite('advices.addItem', { sectionId, kind, text: signal.description ? `${signal.title}\n\n${signal.description}` : signal.title, signalIds: [signal.id], showMentions: mentions }));
      count++;
    }
    for (const finding of pickedFindings.values()) {
      await actions.run(() => apiWrite('advices.addItem', { sectionId, kind, text: finding.text, findingIds: [finding.id], showMentions: mentions }));
      count++;
    }
    setPickedSignals(new Map());
    setPickedFindings(new Map());
    setMessage(t('advicesUi.pullAdded', { count }));
  };
  return (
    <section className="aw-card" aria-labelledby="ophalen-titel">
      <Heading level={2} id="ophalen-titel">
        {t('advicesUi.pullTitle')}
      </Heading>
      <Paragraph className="aw-muted">{t('advicesUi.pullIntro')}</Paragraph>
      {message && <Alert kind="ok">{message}</Alert>}
      {loadError && (
        <QueryError
          error={loadError}
          retry={() => {
            void signalList.refetch();
            void findingPage.refetch();
          }}
        />
      )}
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="ophalen-onderdeel">
          {t('advicesUi.pullTarget')}
        </label>
        <select id="ophalen-onderdeel" className="utrecht-select" value={sectionId} onChange={(event) => setSectionId(event.target.value)}>
          {advice.sections.map((section) => (
            <option key={section.id} value={section.id}>
              {section.number ? `${section.number}. ` : ''}
              {section.title}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="utrecht-form-fieldset aw-pick-list">
        <legend className="utrecht-form-label">{t('advicesUi.pullSignals')}</legend>
        <TextField type="search" label={t('advicesUi.pullSignalSearch')} value={signalQuery} onChange={(event) => setSignalQuery(event.target.value)} />
        <Paragraph className="aw-muted" role="status">
          {t('advicesUi.pullShown', { shown: signals.length, total: signalTotal })}
        </Paragraph>
        {signals.length === 0 && <Paragraph className="aw-muted">{t('advicesUi.pullNone')}</Paragraph>}
        {signals.map((signal) => (
          <label key={signal.id} className="aw-checkbox">
            <input type="checkbox" checked={pickedSignals.has(signal.id)} onChange={(event) => setPickedSignals(toggle(pickedSignals, signal, event.target.checked))} />{' '}
            {t('advicesUi.signalMentioned', { title: signal.title, count: signal.meetingCount, total: totalMeetings })}
          </label>
        ))}
      </fieldset>
      <TextField type="search" label={t('advicesUi.pullSearch')} value={query} onChange={(event) => setQuery(event.target.value)} />
      <fieldset className="utrecht-form-fieldset aw-pick-list">
        <legend className="utrecht-form-label">{t('advicesUi.pullFindings')}</legend>
        <Paragraph className="aw-muted" role="status">
          {t('advicesUi.pullShown', { shown: findings.length, total: findingTotal })}
        </Paragraph>
        {findings.map((finding) => (
          <label key={finding.id} className="aw-checkbox">
            <input type="checkbox" checked={pickedFindings.has(finding.id)} onChange={(event) => setPickedFindings(toggle(pickedFindings, finding, event.target.checked))} />{' '}
            {finding.text.slice(0, 120)}
            {finding.meetingTitle ? <span className="aw-muted"> ({finding.meetingTitle})</span> : null}
          </label>
        ))}
      </fieldset>
      <label className="aw-checkbox">
        <input type="checkbox" checked={mentions} onChange={(event) => setMentions(event.target.checked)} /> {t('advicesUi.pullMentions')}
      </label>
      <div className="aw-button-row">
        <Button appearance="primary" disabled={pickedSignals.size + pickedFindings.size === 0 || !sectionId} onClick={() => void add()}>
          {t('advicesUi.pullAdd')}
        </Button>
      </div>
    </section>
  );
}
