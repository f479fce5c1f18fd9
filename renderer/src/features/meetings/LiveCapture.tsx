import { useCallback, useEffect, useRef, useState } from 'react';
import { FINDING_SOURCES, type FindingSource } from '../../../../shared/api/meetings';
import { formatDateLong, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { hrefFor } from '../../app/router';
import { useMeetingOutbox } from '../../data/outbox';
import type { OutboxEntry } from '../../data/outbox-queue';
import { apiFetch, apiWrite, NO_ROWS, useApiQuery } from '../../data/queries';
import { useInlineSave } from '../../data/useInlineSave';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { CheckboxField, TextField } from '../../ui/Field';
import { SelectField, sourceLabel } from './controls';

/** Alt+<letter> picks a source (event.code, so it works whatever Alt types on the keyboard layout). */
const SOURCE_KEYS: Record<string, FindingSource> = {
  KeyP: 'plenair',
  KeyT: 'thematafel',
  KeyB: 'babbelbox',
  KeyE: 'email',
  KeyQ: 'enquete',
  KeyA: 'anders',
};
const SOURCE_KEY_LETTER = Object.fromEntries(Object.entries(SOURCE_KEYS).map(([code, source]) => [source, code.slice(3)])) as Record<FindingSource, string>;
const VISIBLE_ENTRIES = 8;

interface Draft {
  text: string;
  themeTableId: string;
  source: FindingSource;
  containsPersonalData: boolean;
}

/**
 * The draft is written to localStorage on every keystroke, so closing the window, a crash or a
 * reload never loses what was typed but not yet saved.
 */
function draftKey(meetingId: string): string {
  return `advieswerk.live.${meetingId}`;
}

function loadDraft(meetingId: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(meetingId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Draft>;
    return {
      text: typeof parsed.text === 'string' ? parsed.text : '',
      themeTableId: typeof parsed.themeTableId === 'string' ? parsed.themeTableId : '',
      source: FINDING_SOURCES.includes(parsed.source as FindingSource) ? (parsed.source as FindingSource) : 'plenair',
      containsPersonalData: parsed.containsPersonalData === true,
    };
  } catch {
    return null;
  }
}

export function LiveCapture({ meetingId }: { meetingId: string }) {
  const meetingQuery = useApiQuery('meetings.get', { id: meetingId });
  const meeting = meetingQuery.data ?? null;
  const entries = useApiQuery('findings.listForMeeting', { meetingId }).data ?? NO_ROWS;
  const [draft, setDraft] = useState<Draft>(() => loadDraft(meetingId) ?? { text: '', themeTableId: '', source: 'plenair', containsPersonalData: false });
  const [restored] = useState(() => (loadDraft(meetingId)?.text ?? '') !== '');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  // Points being written to the outbox right now (a few milliseconds each).
  const [pending, setPending] = useState(0);
  const onOutboxEvent = useCallback((event: { kind: 'sent' | 'refused'; entry: OutboxEntry }) => {
    const text = shorten(event.entry.input.text);
    if (event.kind === 'sent') setStatus({ kind: 'ok', message: t('live.saved', { text }) });
    else setStatus({ kind: 'error', message: t('live.refused', { text, message: event.entry.refusal ?? '' }) });
  }, []);
  const outbox = useMeetingOutbox(meetingId, onOutboxEvent);
  // Ids saved in this session, newest last; a ref because undo reads it after waiting for the queue.
  const savedIds = useRef<string[]>([]);
  const [undoable, setUndoable] = useState(0);
  const [editing, setEditing] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const focusInput = useCallback(() => requestAnimationFrame(() => inputRef.current?.focus()), []);

  const meetingTitle = meeting?.title;
  useEffect(() => {
    if (meetingTitle !== undefined) document.title = `${t('live.title', { title: meetingTitle })} – ${t('app.name')}`;
  }, [meetingTitle]);
  // A failed first load is said instead of the page (a failed refetch keeps what is on screen).
  const loadError = meeting === null && meetingQuery.isError ? meetingQuery.error.message : null;

  // The text field has focus as soon as it exists (once: a refetch after a save must not move focus).
  const loaded = meeting !== null;
  useEffect(() => {
    if (loaded) inputRef.current?.focus();
  }, [loaded]);

  useEffect(() => {
    localStorage.setItem(draftKey(meetingId), JSON.stringify(draft));
  }, [draft, meetingId]);

  // A point not yet in the outbox when the window closes: let the browser ask before leaving (once
  // stored, closing loses nothing).
  useEffect(() => {
    if (pending === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [pending]);

  const update = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));

  // Each point goes into the outbox (IndexedDB) first and is sent from there, in the background and
  // in order, so the next point can be typed at once, also without a connection (data/outbox-queue.ts).
  // Only a point that could not even be stored puts its text back in the field.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const save = () => {
    const text = draft.text.trim();
    if (!text) return;
    const { themeTableId, source, containsPersonalData } = draft;
    // Only the text (and the per-point personal-data flag) is cleared: table and source stay selected.
    setDraft((current) => ({ ...current, text: '', containsPersonalData: false }));
    setPending((count) => count + 1);
    queue.current = queue.current.then(async () => {
      try {
        const id = await outbox.add({ themeTableId: themeTableId || null, source, text, containsPersonalData });
        savedIds.current.push(id);
        setUndoable(savedIds.current.length);
        setStatus({ kind: 'ok', message: t('live.queued', { text: shorten(text) }) });
      } catch (error) {
        // IndexedDB refused (storage full, disabled): nothing is stored, so the text goes back.
        setDraft((current) => ({ ...current, text: current.text ? `${text}\n${current.text}` : text }));
        setStatus({ kind: 'error', message: t('live.storeFailed', { message: error instanceof Error ? error.message : String(error) }) });
      } finally {
        setPending((count) => count - 1);
      }
    });
    focusInput();
  };

  const undo = async () => {
    await queue.current;
    const lastId = savedIds.current.at(-1);
    if (!lastId) return;
    try {
      // Not sent yet: taken out of the outbox, the server never sees it.
      const unsent = outbox.pending.find((entry) => entry.id === lastId);
      if (await outbox.withdraw(lastId)) {
        savedIds.current.pop();
        setUndoable(savedIds.current.length);
        const text = unsent?.input.text ?? '';
        setStatus({ kind: 'ok', message: t('live.undone', { text: shorten(text) }) });
        setDraft((current) => (current.text.trim() === '' ? { ...current, text } : current));
        focusInput();
        return;
      }
      const finding = await apiFetch('findings.get', { id: lastId });
      await apiWrite('findings.delete', { id: lastId });
      savedIds.current.pop();
      setUndoable(savedIds.current.length);
      setStatus({ kind: 'ok', message: t('live.undone', { text: shorten(finding.text) }) });
      // An empty field gets the undone text back, so a wrong save can be corrected and saved again.
      setDraft((current) => (current.text.trim() === '' ? { ...current, text: finding.text } : current));
    } catch (error) {
      if (!(error instanceof ApiCallError)) throw error;
      setStatus({ kind: 'error', message: error.message });
    }
    focusInput();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      save();
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && draft.text === '' && (undoable > 0 || pending > 0)) {
      event.preventDefault();
      void undo();
      return;
    }
    if (event.altKey && !event.ctrlKey && !event.metaKey && meeting) {
      const digit = /^Digit(\d)$/.exec(event.code)?.[1];
      if (digit !== undefined) {
        const index = Number(digit);
        if (index === 0) {
          event.preventDefault();
          update({ themeTableId: '' });
        } else if (meeting.tables[index - 1]) {
          event.preventDefault();
          update({ themeTableId: meeting.tables[index - 1]!.id });
        }
        return;
      }
      const source = SOURCE_KEYS[event.code];
      if (source) {
        event.preventDefault();
        update({ source });
      }
    }
  };

  const stopEditing = (saved: boolean) => {
    setEditing(null);
    if (saved) setStatus({ kind: 'ok', message: t('common.saved') });
    focusInput();
  };

  if (loadError) {
    return (
      <>
        <Heading level={1}>{t('meetings.title')}</Heading>
        <Alert kind="error">{loadError}</Alert>
      </>
    );
  }
  if (!meeting) return <Paragraph>{t('app.loading')}</Paragraph>;

  // Sent points come from the server; unsent ones from the outbox, unless the server has them already
  // (acknowledged, the outbox not yet updated): nothing is listed twice.
  const sentIds = new Set(entries.map((entry) => entry.id));
  const unsent = outbox.pending.filter((entry) => !sentIds.has(entry.id));
  const listed: ListedEntry[] = [
    ...entries.map((entry) => ({ ...entry, unsent: false })),
    ...unsent.map((entry) => ({
      id: entry.id,
      text: entry.input.text,
      themeTableId: entry.input.themeTableId ?? null,
      theme: '',
      source: entry.input.source ?? 'plenair',
      containsPersonalData: entry.input.containsPersonalData ?? false,
      unsent: true,
    })),
  ];
  const recent = listed.reverse().slice(0, VISIBLE_ENTRIES);
  const tableName = (id: string | null) => meeting.tables.find((table) => table.id === id)?.theme ?? '';
  return (
    <>
      <p>
        <a href={hrefFor(`/bijeenkomsten/${meetingId}`)}>{t('live.stop')}</a>
      </p>
      <Heading level={1}>{t('live.title', { title: meeting.title })}</Heading>
      <Paragraph className="aw-muted">
        {formatDateLong(meeting.date)} · {t('live.count', { count: entries.length + unsent.length })}
        {unsent.length > 0 && <> · <strong>{t('live.unsentCount', { count: unsent.length })}</strong></>}
      </Paragraph>
      {outbox.unreachable && unsent.length > 0 && <Alert kind="info">{t('live.unsentHint')}</Alert>}
      {restored && <Alert kind="info">{t('live.draftRestored')}</Alert>}
      <form
        className="aw-card aw-live-form"
        aria-label={t('live.formLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="aw-live-grid">
          <SelectField label={`${t('live.table')} (Alt+0…${Math.min(9, meeting.tables.length)})`} value={draft.themeTableId} onChange={(e) => { update({ themeTableId: e.target.value }); focusInput(); }}>
            <option value="">{`0: ${t('live.noTable')}`}</option>
            {meeting.tables.map((table, index) => (
              <option key={table.id} value={table.id}>
                {index < 9 ? `${index + 1}: ` : ''}
                {table.theme}
              </option>
            ))}
          </SelectField>
          <SelectField label={`${t('live.source')} (Alt+${t('live.sourceLetter')})`} value={draft.source} onChange={(e) => { update({ source: e.target.value as FindingSource }); focusInput(); }}>
            {FINDING_SOURCES.map((source) => (
              <option key={source} value={source}>
                {`${SOURCE_KEY_LETTER[source]}: ${sourceLabel(source)}`}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="utrecht-form-field">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="live-invoer">
              {t('live.input')}
            </label>
          </div>
          <textarea
            id="live-invoer"
            ref={inputRef}
            className="utrecht-textarea utrecht-textarea--html-textarea aw-live-input"
            aria-describedby="live-invoer-hint"
            value={draft.text}
            maxLength={20_000}
            onChange={(event) => update({ text: event.target.value })}
            onKeyDown={onKeyDown}
            rows={2}
          />
          {/* Below the field, so its focus ring never covers them; one line per key, read out as a description. */}
          <div className="aw-shortcuts" id="live-invoer-hint">
            <span className="aw-visually-hidden">{t('live.shortcutsTitle')}: </span>
            <dl aria-label={t('live.shortcutsTitle')}>
              {(
                [
                  ['Enter', 'live.keySave'],
                  ['Shift+Enter', 'live.keyNewLine'],
                  ['Alt+1…9', 'live.keyTable'],
                  ['Alt+P/T/B/E/Q/A', 'live.keySource'],
                  ['Ctrl+Z', 'live.keyUndo'],
                ] as const
              ).map(([key, label]) => (
                <div key={key}>
                  <dt>
                    <kbd>{key}</kbd>
                  </dt>
                  <dd>{t(label)}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
        <CheckboxField label={t('live.personalData')} checked={draft.containsPersonalData} onChange={(checked) => { update({ containsPersonalData: checked }); focusInput(); }} />
        <div className="aw-button-row">
          <Button appearance="primary" type="submit">
            {t('common.save')}
          </Button>
          <Button onClick={() => void undo()} disabled={undoable === 0 && pending === 0}>
            {t('live.undo')}
          </Button>
        </div>
        <div aria-live="polite">{status && <Alert kind={status.kind}>{status.message}</Alert>}</div>
      </form>
      {outbox.refused.length > 0 && (
        <section className="aw-card" aria-labelledby="geweigerd-titel">
          <Heading level={2} id="geweigerd-titel">
            {t('live.refusedTitle')}
          </Heading>
          <ul className="aw-entry-list">
            {outbox.refused.map((entry) => (
              <li key={entry.id}>
                <Alert kind="error">{t('live.refused', { text: shorten(entry.input.text), message: entry.refusal ?? '' })}</Alert>
                <div className="aw-button-row">
                  <Button
                    onClick={() => {
                      setDraft((current) => ({ ...current, text: current.text ? `${entry.input.text}\n${current.text}` : entry.input.text }));
                      void outbox.dismiss(entry.id);
                      focusInput();
                    }}
                  >
                    {t('live.refusedBack')}
                  </Button>
                  <Button appearance="subtle" onClick={() => void outbox.dismiss(entry.id)} aria-label={`${t('live.refusedDismiss')}: ${shorten(entry.input.text)}`}>
                    {t('live.refusedDismiss')}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="aw-card" aria-labelledby="laatst-titel">
        <Heading level={2} id="laatst-titel">
          {t('live.lastEntries')}
        </Heading>
        {recent.length === 0 ? (
          <Paragraph>{t('live.noEntries')}</Paragraph>
        ) : (
          <ol className="aw-entry-list" reversed>
            {recent.map((entry) => (
              <li key={entry.id}>
                {editing === entry.id ? (
                  <EntryEditor entry={entry} onDone={stopEditing} />
                ) : (
                  <>
                    <div>
                      <div>{entry.text}</div>
                      <div className="aw-entry-meta">
                        {[tableName(entry.themeTableId) || entry.theme, sourceLabel(entry.source), entry.containsPersonalData ? t('findings.personalDataShort') : '']
                          .filter(Boolean)
                          .join(' · ')}
                        {entry.unsent && (
                          <>
                            {' · '}
                            <strong className="aw-unsent">{t('live.unsent')}</strong>
                          </>
                        )}
                      </div>
                    </div>
                    {/* A point the server does not have yet cannot be edited there; undo takes it back. */}
                    {!entry.unsent && (
                      <Button appearance="subtle" onClick={() => setEditing(entry.id)} aria-label={`${t('live.edit')}: ${shorten(entry.text)}`}>
                        {t('live.edit')}
                      </Button>
                    )}
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/**
 * Editing a saved point where it is listed: Enter saves, Escape cancels (focus goes back to the capture
 * field either way). A refused edit (emptied, or the point deleted meanwhile) is said at this field in
 * Dutch and keeps what was typed; a second Enter while saving is ignored.
 */
function EntryEditor({ entry, onDone }: { entry: { id: string; text: string }; onDone(saved: boolean): void }) {
  const [text, setText] = useState(entry.text);
  const edit = useInlineSave('findings.update', ['text']);
  const submit = async () => {
    if (await edit.save({ id: entry.id, text })) onDone(true);
  };
  return (
    <form
      className="aw-field-row aw-entry-edit"
      aria-label={t('live.editEntry')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <TextField
        label={t('live.editEntry')}
        value={text}
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onDone(false);
          }
        }}
        {...edit.field('text')}
      />
      <div className="utrecht-form-field">
        <Button type="submit" aria-busy={edit.isPending || undefined}>
          {t('live.saveEdit')}
        </Button>{' '}
        <Button onClick={() => onDone(false)}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

interface ListedEntry {
  id: string;
  text: string;
  themeTableId: string | null;
  theme: string;
  source: FindingSource;
  containsPersonalData: boolean;
  /** Still in the outbox: marked "nog niet verzonden". */
  unsent: boolean;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
