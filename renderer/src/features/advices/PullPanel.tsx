import { useEffect, useState } from 'react';
import type { AdviceDetail } from '../../../../shared/api/advices';
import type { Finding, Signal } from '../../../../shared/api/meetings';
import { t } from '../../../../shared/i18n';
import { apiFetch, apiWrite } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import type { OutlineActions } from './Outline';

export function PullPanel({ advice, actions }: { advice: AdviceDetail; actions: OutlineActions }) {
  const [sectionId, setSectionId] = useState(advice.sections[0]?.id ?? '');
  const [signals, setSignals] = useState<Signal[]>([]);
  const [totalMeetings, setTotalMeetings] = useState(0);
  const [query, setQuery] = useState('');
  const [findings, setFindings] = useState<Finding[]>([]);
  const [pickedSignals, setPickedSignals] = useState<string[]>([]);
  const [pickedFindings, setPickedFindings] = useState<string[]>([]);
  const [mentions, setMentions] = useState(true);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!advice.sections.some((section) => section.id === sectionId)) setSectionId(advice.sections[0]?.id ?? '');
  }, [advice.sections, sectionId]);
  useEffect(() => {
    void apiFetch('signals.list', { limit: 50 }).then((list) => {
      setSignals(list.rows);
      setTotalMeetings(list.totalMeetings);
    });
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => void apiFetch('findings.search', { query, limit: 20 }).then((page) => setFindings(page.rows)), 250);
    return () => clearTimeout(timer);
  }, [query]);
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((value) => value !== id));
  const add = async () => {
    if (!sectionId) return;
    const section = advice.sections.find((candidate) => candidate.id === sectionId);
    const kind = section?.numbering === 'romeins' ? 'bevinding' : /aanbeveling/i.test(section?.title ?? '') ? 'aanbeveling' : /conclusie/i.test(section?.title ?? '') ? 'conclusie' : 'bevinding';
    let count = 0;
    for (const signalId of pickedSignals) {
      const signal = signals.find((candidate) => candidate.id === signalId)!;
      await actions.run(() => apiWrite('advices.addItem', { sectionId, kind, text: signal.description ? `${signal.title}\n\n${signal.description}` : signal.title, signalIds: [signalId], showMentions: mentions }));
      count++;
    }
    for (const findingId of pickedFindings) {
      const finding = findings.find((candidate) => candidate.id === findingId)!;
      await actions.run(() => apiWrite('advices.addItem', { sectionId, kind, text: finding.text, findingIds: [findingId], showMentions: mentions }));
      count++;
    }
    setPickedSignals([]);
    setPickedFindings([]);
    setMessage(t('advicesUi.pullAdded', { count }));
  };
  return (
    <section className="aw-card" aria-labelledby="ophalen-titel">
      <Heading level={2} id="ophalen-titel">
        {t('advicesUi.pullTitle')}
      </Heading>
      <Paragraph className="aw-muted">{t('advicesUi.pullIntro')}</Paragraph>
      {message && <Alert kind="ok">{message}</Alert>}
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
        {signals.length === 0 && <Paragraph className="aw-muted">{t('advicesUi.pullNone')}</Paragraph>}
        {signals.map((signal) => (
          <label key={signal.id} className="aw-checkbox">
            <input type="checkbox" checked={pickedSignals.includes(signal.id)} onChange={(event) => setPickedSignals(toggle(pickedSignals, signal.id, event.target.checked))} />{' '}
            {t('advicesUi.signalMentioned', { title: signal.title, count: signal.meetingCount, total: totalMeetings })}
          </label>
        ))}
      </fieldset>
      <TextField type="search" label={t('advicesUi.pullSearch')} value={query} onChange={(event) => setQuery(event.target.value)} />
      <fieldset className="utrecht-form-fieldset aw-pick-list">
        <legend className="utrecht-form-label">{t('advicesUi.pullFindings')}</legend>
        {findings.map((finding) => (
          <label key={finding.id} className="aw-checkbox">
            <input type="checkbox" checked={pickedFindings.includes(finding.id)} onChange={(event) => setPickedFindings(toggle(pickedFindings, finding.id, event.target.checked))} />{' '}
            {finding.text.slice(0, 120)}
            {finding.meetingTitle ? <span className="aw-muted"> ({finding.meetingTitle})</span> : null}
          </label>
        ))}
      </fieldset>
      <label className="aw-checkbox">
        <input type="checkbox" checked={mentions} onChange={(event) => setMentions(event.target.checked)} /> {t('advicesUi.pullMentions')}
      </label>
      <div className="aw-button-row">
        <Button appearance="primary" disabled={pickedSignals.length + pickedFindings.length === 0 || !sectionId} onClick={() => void add()}>
          {t('advicesUi.pullAdd')}
        </Button>
      </div>
    </section>
  );
}
