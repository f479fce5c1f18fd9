import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildLetterModel } from '../../../../shared/advices/letter';
import { todayInNetherlands } from '../../../../shared/calendar';
import type { AdviceDetail, AdviceRequest, ItemTrace } from '../../../../shared/api/advices';
import type { CouncilSettings } from '../../../../shared/api/council';
import type { Finding, Meeting, Signal } from '../../../../shared/api/meetings';
import { formatDateLong, formatDateTime, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { api } from '../../api';
import { hrefFor } from '../../app/router';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { Heading, Paragraph } from '../../ui/Heading';
import { daysLeftText } from './AdvicesListPage';
import { AutosaveTextArea, AutosaveTextField } from './Autosave';
import { base64ToBytes, downloadBytes } from '../../ui/download';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';
import { ADVICE_HISTORY_TABLES, HistorySection } from '../audit/HistorySection';
import { AdoptionLink } from '../councilOwn/CouncilAttention';
import { LetterPreview } from './LetterPreview';
import { PublicationPanel } from './PublicationPanel';
import { itemLabel, Outline, type OutlineActions } from './Outline';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

function LetterDetails({
  advice,
  requests,
  others,
  meetings,
  actions,
}: {
  advice: AdviceDetail;
  requests: AdviceRequest[];
  others: AdviceDetail['references'];
  meetings: Meeting[];
  actions: OutlineActions;
}) {
  const save = (fields: Omit<Parameters<typeof api.call<'advices.update'>>[1], 'id'>) => actions.run(() => api.call('advices.update', { id: advice.id, ...fields }));
  return (
    <section className="aw-card" aria-labelledby="brief-gegevens-titel">
      <Heading level={2} id="brief-gegevens-titel">
        {t('advicesUi.letterDetails')}
      </Heading>
      <AutosaveTextField label={t('advicesUi.betreft')} value={advice.betreft} onSave={(betreft) => save({ betreft })} />
      <div className="aw-field-row">
        <AutosaveTextField label={t('advicesUi.kenmerk')} value={advice.kenmerk} onSave={(kenmerk) => save({ kenmerk })} />
        <AutosaveTextField type="date" label={t('advicesUi.adviceDate')} value={advice.adviceDate} onSave={(adviceDate) => save({ adviceDate })} />
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="advies-soort-wijzig">
            {t('advicesUi.kind')}
          </label>
          <select id="advies-soort-wijzig" className="utrecht-select" value={advice.kind} onChange={(event) => void save({ kind: event.target.value as AdviceDetail['kind'] })}>
            <option value="ongevraagd">{t('advicesUi.kind_ongevraagd')}</option>
            <option value="gevraagd">{t('advicesUi.kind_gevraagd')}</option>
          </select>
        </div>
      </div>
      {advice.kind === 'gevraagd' && (
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="advies-aanvraag-wijzig">
            {t('advicesUi.request')}
          </label>
          <select id="advies-aanvraag-wijzig" className="utrecht-select" value={advice.requestId ?? ''} onChange={(event) => void save({ requestId: event.target.value || null })}>
            <option value="">{t('advicesUi.noRequest')}</option>
            {requests.map((request) => (
              <option key={request.id} value={request.id}>
                {request.subject} ({daysLeftText(request)})
              </option>
            ))}
          </select>
        </div>
      )}
      <AutosaveTextArea label={t('advicesUi.addressee')} value={advice.addressee} onSave={(addressee) => save({ addressee })} />
      {others.length > 0 && (
        <fieldset className="utrecht-form-fieldset aw-related">
          <legend className="utrecht-form-label">{t('advicesUi.references')}</legend>
          {others.map((other) => (
            <label key={other.id} className="aw-checkbox">
              <input
                type="checkbox"
                checked={advice.references.some((reference) => reference.id === other.id)}
                onChange={(event) => {
                  const current = advice.references.map((reference) => reference.id);
                  void save({ referenceIds: event.target.checked ? [...current, other.id] : current.filter((id) => id !== other.id) });
                }}
              />{' '}
              {other.kenmerk} {other.betreft} ({formatDateLong(other.adviceDate)})
            </label>
          ))}
        </fieldset>
      )}
      {meetings.length > 0 && (
        <details>
          <summary>
            {t('advicesUi.meetings')} ({advice.meetingIds.length})
          </summary>
          <fieldset className="utrecht-form-fieldset aw-related">
            <legend className="aw-visually-hidden">{t('advicesUi.meetings')}</legend>
            {meetings.map((meeting) => (
              <label key={meeting.id} className="aw-checkbox">
                <input
                  type="checkbox"
                  checked={advice.meetingIds.includes(meeting.id)}
                  onChange={(event) =>
                    void save({ meetingIds: event.target.checked ? [...advice.meetingIds, meeting.id] : advice.meetingIds.filter((id) => id !== meeting.id) })
                  }
                />{' '}
                {meeting.title} ({formatDateLong(meeting.date)})
              </label>
            ))}
          </fieldset>
        </details>
      )}
      <AutosaveTextArea label={t('advicesUi.openingText')} description={t('advicesUi.openingHint')} value={advice.openingText} rows={4} onSave={(openingText) => save({ openingText })} />
      <AutosaveTextArea label={t('advicesUi.closingText')} value={advice.closingText} onSave={(closingText) => save({ closingText })} />
      <AutosaveTextArea
        label={t('advicesUi.signatories')}
        description={t('advicesUi.signatoriesHint')}
        value={advice.signatories.map((signatory) => `${signatory.name}, ${signatory.role}`).join('\n')}
        onSave={(text) =>
          save({
            signatories: text
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean)
              .map((line) => {
                const comma = line.lastIndexOf(',');
                return comma < 0 ? { name: line, role: '' } : { name: line.slice(0, comma).trim(), role: line.slice(comma + 1).trim() };
              }),
          })
        }
      />
      <AutosaveTextArea
        label={t('advicesUi.cc')}
        value={advice.cc.join('\n')}
        onSave={(cc) =>
          save({
            cc: cc
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
          })
        }
      />
    </section>
  );
}

function PullPanel({ advice, actions }: { advice: AdviceDetail; actions: OutlineActions }) {
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
    void api.call('signals.list', { limit: 50 }).then((list) => {
      setSignals(list.rows);
      setTotalMeetings(list.totalMeetings);
    });
  }, []);
  useEffect(() => {
    const timer = setTimeout(() => void api.call('findings.search', { query, limit: 20 }).then((page) => setFindings(page.rows)), 250);
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
      await actions.run(() => api.call('advices.addItem', { sectionId, kind, text: signal.description ? `${signal.title}\n\n${signal.description}` : signal.title, signalIds: [signalId], showMentions: mentions }));
      count++;
    }
    for (const findingId of pickedFindings) {
      const finding = findings.find((candidate) => candidate.id === findingId)!;
      await actions.run(() => api.call('advices.addItem', { sectionId, kind, text: finding.text, findingIds: [findingId], showMentions: mentions }));
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

function TracePanel({ advice, itemId }: { advice: AdviceDetail; itemId: string | null }) {
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

function ExportButtons({ advice, onError }: { advice: AdviceDetail; onError(message: string): void }) {
  const [done, setDone] = useState<string | null>(null);
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const pdf = useJob();
  const run = async (make: () => Promise<{ fileName: string; bytes: Uint8Array | string; leftOut?: number }>) => {
    try {
      const file = await make();
      downloadBytes(file.fileName, file.bytes);
      setDone(file.leftOut ? t('advicesUi.exportedLeftOut', { file: file.fileName, count: file.leftOut }) : t('advicesUi.exported', { file: file.fileName }));
    } catch (error) {
      if (error instanceof ApiCallError) onError(error.message);
      else throw error;
    }
  };
  // The core writes the file into exports/ under a name of its own and hands over the bytes.
  const docx = (annex: boolean) =>
    run(async () => {
      const file = await api.call('advices.exportDocx', { id: advice.id, annex, includePersonalData: annex && includePersonalData });
      return { fileName: file.fileName, bytes: base64ToBytes(file.bytesBase64), leftOut: file.leftOut ?? 0 };
    });
  const startPdf = () => {
    setDone(null);
    pdf.start({ kind: 'advicePdf', params: { id: advice.id } }).catch((error: unknown) => {
      if (error instanceof ApiCallError) onError(error.message);
      else throw error;
    });
  };
  return (
    <div>
      <p className="aw-strong">{t('advicesUi.export')}</p>
      <div className="aw-button-row">
        <Button onClick={() => void docx(false)}>{t('advicesUi.exportDocx')}</Button>
        <Button onClick={() => void docx(true)}>{t('advicesUi.exportDocxAnnex')}</Button>
        <Button disabled={pdf.running} onClick={startPdf}>
          {t('advicesUi.exportPdf')}
        </Button>
        <Button
          onClick={() =>
            void run(async () => {
              const data = await api.call('advices.exportJson', { id: advice.id });
              return { fileName: `${advice.kenmerk}.json`, bytes: JSON.stringify(data, null, 2) };
            })
          }
        >
          {t('advicesUi.exportJson')}
        </Button>
      </div>
      <label className="utrecht-form-label">
        <input type="checkbox" checked={includePersonalData} onChange={(event) => setIncludePersonalData(event.target.checked)} /> {t('advicesUi.annexIncludePersonalData')}
      </label>
      {pdf.job && <JobProgress job={pdf.job} label={t('advicesUi.exportPdf')} onCancel={() => void pdf.cancel()} />}
      {done && (
        <p className="aw-muted" role="status">
          {done}
        </p>
      )}
    </div>
  );
}

function StatusPanel({ advice, actions, onError }: { advice: AdviceDetail; actions: OutlineActions; onError(message: string): void }) {
  const [date, setDate] = useState(todayInNetherlands);
  const [confirmSend, setConfirmSend] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  return (
    <section className="aw-card" aria-labelledby="status-titel">
      <Heading level={2} id="status-titel">
        {t('advicesUi.statusActions')}
      </Heading>
      <p data-testid="advice-status">{t('advicesUi.statusNow', { status: t(`advicesUi.status_${advice.status}`) })}</p>
      <AdoptionLink adviceId={advice.id} status={advice.status} />
      {!advice.frozen && (
        <>
          <TextField type="date" label={t('advicesUi.statusDate')} value={date} onChange={(event) => setDate(event.target.value)} />
          <div className="aw-button-row">
            {advice.status === 'concept' && (
              <Button appearance="primary" onClick={() => void actions.run(() => api.call('advices.setStatus', { id: advice.id, status: 'vastgesteld', date }))}>
                {t('advicesUi.markAdopted')}
              </Button>
            )}
            {advice.status === 'vastgesteld' && (
              <Button appearance="primary" onClick={() => setConfirmSend(true)}>
                {t('advicesUi.markSent')}
              </Button>
            )}
            {advice.versions.length === 0 && (
              <Button appearance="subtle" onClick={() => setConfirmDelete(true)}>
                {t('advicesUi.deleteAdvice')}
              </Button>
            )}
          </div>
        </>
      )}
      <ExportButtons advice={advice} onError={onError} />
      <ConfirmDialog
        open={confirmSend}
        title={t('advicesUi.markSent')}
        message={t('advicesUi.confirmSent', { kenmerk: advice.kenmerk })}
        confirmLabel={t('advicesUi.markSent')}
        onConfirm={() => {
          setConfirmSend(false);
          void actions.run(() => api.call('advices.setStatus', { id: advice.id, status: 'verzonden', date }));
        }}
        onCancel={() => setConfirmSend(false)}
      />
      <ConfirmDialog
        open={confirmDelete}
        title={t('advicesUi.deleteAdvice')}
        message={t('adviceTrash.confirmToTrash', { kenmerk: advice.kenmerk, betreft: advice.betreft })}
        confirmLabel={t('adviceTrash.toTrash')}
        onConfirm={async () => {
          setConfirmDelete(false);
          try {
            await api.call('advices.delete', { id: advice.id });
            window.location.hash = hrefFor('/adviezen');
          } catch (error) {
            if (error instanceof ApiCallError) onError(error.message);
            else throw error;
          }
        }}
        onCancel={() => setConfirmDelete(false)}
      />
    </section>
  );
}

function FrozenView({ advice, actions }: { advice: AdviceDetail; actions: OutlineActions }) {
  const current = advice.versions.find((version) => version.version === advice.version);
  const download = async (version: number) => {
    const frozen = await api.call('advices.frozen', { id: advice.id, version });
    downloadBytes(`${advice.kenmerk} ${advice.betreft} (verzonden versie ${version}).docx`, base64ToBytes(frozen.docxBase64));
  };
  return (
    <section className="aw-card aw-frozen" aria-labelledby="vast-titel" data-testid="frozen-view">
      <Heading level={2} id="vast-titel">
        {t('advicesUi.status_verzonden')}
      </Heading>
      <Alert kind="info">{t('advicesUi.frozenNotice', { date: advice.sentOn ? formatDateLong(advice.sentOn) : '' })}</Alert>
      {advice.archivedAt && (
        <p data-testid="archived-notice">
          <span className="aw-archived-marker">{t('adviceTrash.archivedMarker')}</span> {t('adviceTrash.archivedNotice', { date: formatDateTime(advice.archivedAt) })}
        </p>
      )}
      <div className="aw-button-row">
        {current && <Button onClick={() => void download(current.version)}>{t('advicesUi.frozenDownload', { version: current.version })}</Button>}
        {!advice.archivedAt && (
          <Button appearance="primary" onClick={() => void actions.run(() => api.call('advices.newVersion', { id: advice.id }))}>
            {t('advicesUi.newVersion')}
          </Button>
        )}
        {advice.archivedAt ? (
          <Button onClick={() => void actions.run(() => api.call('advices.unarchive', { id: advice.id }))}>{t('adviceTrash.unarchive')}</Button>
        ) : (
          <Button appearance="subtle" onClick={() => void actions.run(() => api.call('advices.archive', { id: advice.id }))}>
            {t('adviceTrash.archive')}
          </Button>
        )}
      </div>
      <p className="aw-strong">{t('advicesUi.versions')}</p>
      <ul>
        {advice.versions.map((version) => (
          <li key={version.version}>{t('advicesUi.versionLine', { version: version.version, date: formatDateLong(version.sentOn) })}</li>
        ))}
      </ul>
    </section>
  );
}

export function AdviceEditor({ id }: { id: string }) {
  const [advice, setAdvice] = useState<AdviceDetail | null | undefined>(undefined);
  const [council, setCouncil] = useState<CouncilSettings | null>(null);
  const [requests, setRequests] = useState<AdviceRequest[]>([]);
  const [others, setOthers] = useState<AdviceDetail['references']>([]);
  const [meetings, setMeetings] = useState<Meeting[]>([]);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    void api.request('advices.get', { id }).then((result) => setAdvice(result.ok ? result.value : null));
    void api.call('council.get').then(setCouncil);
    void api.call('adviceRequests.list').then(setRequests);
    void api.call('meetings.list', {}).then(setMeetings);
    // "In vervolg op" may cite an archived advice (it is public record), never one in the trash.
    void api.call('advices.list', { includeArchived: true }).then((list) =>
      setOthers(list.filter((other) => other.id !== id).map((other) => ({ id: other.id, kenmerk: other.kenmerk, betreft: other.betreft, adviceDate: other.adviceDate, sentOn: other.sentOn }))),
    );
  }, [id]);

  // Saves run one after another, so a slow autosave can never land after (and undo) a later change.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const run = useCallback((method: () => Promise<AdviceDetail>) => {
    const next = queue.current.then(async () => {
      setSave({ kind: 'saving' });
      try {
        setAdvice(await method());
        setSave({ kind: 'saved' });
        return true;
      } catch (error) {
        if (!(error instanceof ApiCallError)) throw error;
        setSave({ kind: 'error', message: error.message });
        return false;
      }
    });
    queue.current = next.catch(() => undefined);
    return next;
  }, []);
  const actions: OutlineActions = useMemo(() => ({ run, select: setSelected }), [run]);
  const onError = useCallback((message: string) => setSave({ kind: 'error', message }), []);

  const model = useMemo(() => {
    if (!advice || !council) return null;
    const request = requests.find((candidate) => candidate.id === advice.requestId) ?? null;
    return buildLetterModel(advice, council, request);
  }, [advice, council, requests]);

  if (advice === undefined) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (advice === null)
    return (
      <>
        <Heading level={1}>{t('nav.advices')}</Heading>
        <Alert kind="error">{t('advicesUi.notFound')}</Alert>
        <a href={hrefFor('/adviezen')}>{t('advicesUi.backToList')}</a>
      </>
    );

  return (
    <>
      <p>
        <a href={hrefFor('/adviezen')}>{t('advicesUi.backToList')}</a>
      </p>
      <Heading level={1}>
        {t('advicesUi.editorTitle', { kenmerk: advice.kenmerk })}: {advice.betreft}
      </Heading>
      <div className="aw-save-state" role="status" aria-live="polite">
        {save.kind === 'saving' && t('advicesUi.saving')}
        {save.kind === 'saved' && t('advicesUi.saved')}
      </div>
      {save.kind === 'error' && <Alert kind="error">{t('advicesUi.saveFailed', { message: save.message })}</Alert>}
      <div className="aw-editor">
        <div className="aw-editor__main">
          {advice.frozen ? (
            <FrozenView advice={advice} actions={actions} />
          ) : (
            <>
              <LetterDetails advice={advice} requests={requests} others={others} meetings={meetings} actions={actions} />
              <Outline advice={advice} selectedItemId={selected} actions={actions} api={api} />
              <PullPanel advice={advice} actions={actions} />
            </>
          )}
          <StatusPanel advice={advice} actions={actions} onError={onError} />
          <PublicationPanel advice={advice} />
          {!advice.frozen && <TracePanel advice={advice} itemId={selected} />}
          <HistorySection table="advices" recordId={advice.id} tables={ADVICE_HISTORY_TABLES} version={advice.updatedAt} />
        </div>
        <div className="aw-editor__preview">{model && <LetterPreview model={model} />}</div>
      </div>
    </>
  );
}
