import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildLetterModel } from '../../../../shared/advices/letter';
import type { AdviceDetail } from '../../../../shared/api/advices';
import { formatDateTime, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { hrefFor } from '../../app/router';
import { apiWrite, NO_ROWS, setQueryValue, useApiQuery } from '../../data/queries';
import { useMayCall } from '../../data/roles';
import { Alert } from '../../ui/Alert';
import { QueryError } from '../../ui/QueryState';
import { Heading, Paragraph } from '../../ui/Heading';
import { ADVICE_HISTORY_TABLES, HistorySection } from '../audit/HistorySection';
import { LetterPreview } from './LetterPreview';
import { Outline, type OutlineActions } from './Outline';
import type { FieldReader } from './advice-fields';
import type { FieldBase, SaveOutcome } from './Autosave';
import { LetterDetails } from './LetterDetails';
import { PresenceNote } from './PresenceNote';
import { PullPanel } from './PullPanel';
import { UndoBar } from './UndoBar';
import { StatusPanel } from './StatusPanel';
import { FrozenView } from './FrozenView';
import { PublicationPanel } from './PublicationPanel';

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

export function AdviceEditor({ id }: { id: string }) {
  const adviceQuery = useApiQuery('advices.get', { id });
  const advice = adviceQuery.data;
  const council = useApiQuery('council.get').data ?? null;
  const requests = useApiQuery('adviceRequests.list').data ?? NO_ROWS;
  const meetings = useApiQuery('meetings.list', {}).data ?? NO_ROWS;
  // "In vervolg op" may cite an archived advice (it is public record), never one in the trash.
  const allAdvices = useApiQuery('advices.list', { includeArchived: true }).data ?? NO_ROWS;
  const others: AdviceDetail['references'] = useMemo(
    () =>
      allAdvices
        .filter((other) => other.id !== id)
        .map((other) => ({ id: other.id, kenmerk: other.kenmerk, betreft: other.betreft, adviceDate: other.adviceDate, sentOn: other.sentOn })),
    [allAdvices, id],
  );
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [selected, setSelected] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ itemId: string; label: string } | null>(null);
  const [focusItem, setFocusItem] = useState<string | null>(null);
  const previewBox = useRef<HTMLDivElement>(null);
  // A lid or alleen-lezen reads the letter (the preview beside it); the secretariat writes it.
  const mayEdit = useMayCall('advices.updateItem');

  /**
   * The newest version of the advice this editor has seen: its own saves' answers, a conflict's current
   * advice and what the query brings, whichever was changed last. Edit conflicts: saves send the
   * version from here when their field still holds what they were typed on.
   */
  const seen = useRef<AdviceDetail | null>(null);
  const remember = useCallback((value: AdviceDetail) => {
    if (!seen.current || seen.current.id !== value.id || value.updatedAt >= seen.current.updatedAt) seen.current = value;
  }, []);
  useEffect(() => {
    if (advice) remember(advice);
  }, [advice, remember]);

  // Saves run one after another, so a slow autosave can never land after (and undo) a later change.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const attempt = useCallback(
    (method: () => Promise<AdviceDetail>) => {
      const next = queue.current.then(async (): Promise<{ ok: true; value: AdviceDetail } | { ok: false; error: ApiCallError }> => {
        setSave({ kind: 'saving' });
        try {
          // The write answers with the whole advice: show it at once (the refetch after the write agrees).
          const value = await method();
          remember(value);
          setQueryValue('advices.get', { id }, value);
          setSave({ kind: 'saved' });
          return { ok: true, value };
        } catch (error) {
          if (!(error instanceof ApiCallError)) throw error;
          // Refused as stale: show the advice as it is now (a field with unsaved typing keeps it).
          if (error.conflict) {
            remember(error.conflict.current);
            setQueryValue('advices.get', { id }, error.conflict.current);
          }
          return { ok: false, error };
        }
      });
      queue.current = next.catch(() => undefined);
      return next;
    },
    [id, remember],
  );
  const run = useCallback(
    async (method: () => Promise<AdviceDetail>) => {
      const result = await attempt(method);
      if (!result.ok) setSave({ kind: 'error', message: result.error.message });
      return result.ok;
    },
    [attempt],
  );
  const saveField = useCallback(
    async (read: FieldReader, base: FieldBase, write: (expectedUpdatedAt: string | undefined) => Promise<AdviceDetail>): Promise<SaveOutcome> => {
      for (let tries = 0; ; tries += 1) {
        const result = await attempt(() => {
          // Still the text it was typed on: the newest version is the one to send (someone may have
          // changed another field since, or my own last save moved it). Otherwise the base's own.
          const now = seen.current ? read(seen.current) : undefined;
          return write(now?.value === base.value ? now.version : base.version);
        });
        if (result.ok) {
          // What the store made of it (it may have cleaned the text) is what the next save is made on.
          const stored = read(result.value);
          return stored ? { stored } : true;
        }
        const conflict = result.error.conflict;
        const theirs = conflict ? read(conflict.current) : undefined;
        if (!conflict || !theirs) {
          setSave({ kind: 'error', message: result.error.message });
          return false;
        }
        // Someone changed another field of the record, not this one: save again on the new version.
        if (theirs.value === base.value && tries < 2) continue;
        setSave({ kind: 'idle' });
        return { conflict: { changedBy: conflict.changedBy, changedAt: conflict.changedAt, theirs: theirs.value, version: theirs.version } };
      }
    },
    [attempt],
  );
  const change = useCallback(
    async (read: FieldReader, shown: string, write: (expectedUpdatedAt: string | undefined) => Promise<AdviceDetail>) => {
      const outcome = await saveField(read, { value: shown, version: undefined }, write);
      if (typeof outcome !== 'object' || !('conflict' in outcome)) return outcome !== false;
      // The control shows their choice now (the advice as it is came with the refusal).
      setSave({ kind: 'error', message: t('advicesUi.conflictChoice', { name: outcome.conflict.changedBy, when: formatDateTime(outcome.conflict.changedAt) }) });
      return false;
    },
    [saveField],
  );
  const deleted = useCallback((itemId: string, label: string) => setUndo({ itemId, label }), []);
  const actions: OutlineActions = useMemo(() => ({ run, saveField, change, select: setSelected, deleted }), [run, saveField, change, deleted]);
  const closeUndo = useCallback(() => {
    // The bar had focus (it takes it after a delete): hand it to the outline, not to the page's start.
    if (document.activeElement?.closest('.aw-undo-bar')) document.getElementById('opbouw-titel')?.focus();
    setUndo(null);
  }, []);
  const restore = useCallback(async () => {
    if (!undo) return;
    setUndo(null);
    if (!(await run(() => apiWrite('advices.restoreItem', { id: undo.itemId })))) return;
    setSelected(undo.itemId);
    setFocusItem(undo.itemId);
  }, [undo, run]);
  // Back where it was: its text gets focus, as before the delete, once it is on screen again.
  useEffect(() => {
    if (!focusItem) return;
    const text = document.querySelector<HTMLTextAreaElement>(`[data-testid="advice-item"][data-item-id="${CSS.escape(focusItem)}"] textarea`);
    if (!text) return;
    text.focus();
    setFocusItem(null);
  }, [focusItem, advice]);

  // The letter scrolls in step with the item being edited (when it sits beside the outline and scrolls on its own).
  const selectedNumber = advice?.sections.flatMap((section) => section.items).find((item) => item.id === selected)?.number;
  useEffect(() => {
    const box = previewBox.current;
    if (!selected || !box || getComputedStyle(box).overflowY !== 'auto') return;
    const target = box.querySelector(`[data-item-id="${CSS.escape(selected)}"]`);
    if (!target) return;
    const top = target.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3) });
  }, [selected, selectedNumber]);
  const onError = useCallback((message: string) => setSave({ kind: 'error', message }), []);

  const model = useMemo(() => {
    if (!advice || !council) return null;
    const request = requests.find((candidate) => candidate.id === advice.requestId) ?? null;
    return buildLetterModel(advice, council, request);
  }, [advice, council, requests]);

  const notFound = adviceQuery.error instanceof ApiCallError && adviceQuery.error.code === 'NOT_FOUND';
  if (adviceQuery.isError && !notFound && advice === undefined) return <QueryError error={adviceQuery.error} retry={() => void adviceQuery.refetch()} />;
  if (advice === undefined && !notFound) return <Paragraph role="status">{t('app.loading')}</Paragraph>;
  if (advice === undefined)
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
      <PresenceNote adviceId={advice.id} />
      <div className="aw-save-state" role="status" aria-live="polite">
        {save.kind === 'saving' && t('advicesUi.saving')}
        {save.kind === 'saved' && t('advicesUi.saved')}
      </div>
      {save.kind === 'error' && <Alert kind="error">{t('advicesUi.saveFailed', { message: save.message })}</Alert>}
      <div className="aw-editor">
        <div className="aw-editor__main">
          {advice.frozen ? (
            <FrozenView advice={advice} actions={actions} />
          ) : !mayEdit ? null : (
            <>
              <LetterDetails advice={advice} requests={requests} others={others} meetings={meetings} actions={actions} />
              <Outline advice={advice} selectedItemId={selected} actions={actions} />
              <PullPanel advice={advice} actions={actions} />
            </>
          )}
          <StatusPanel advice={advice} actions={actions} onError={onError} />
          <PublicationPanel advice={advice} />
          <HistorySection table="advices" recordId={advice.id} tables={ADVICE_HISTORY_TABLES} />
        </div>
        <div className="aw-editor__preview" ref={previewBox}>
          {model && <LetterPreview model={model} currentItemId={selected} />}
        </div>
      </div>
      {undo && <UndoBar message={t('advicesUi.itemDeleted', { item: undo.label })} onUndo={() => void restore()} onClose={closeUndo} />}
    </>
  );
}
