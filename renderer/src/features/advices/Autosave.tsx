import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDateTime, t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';
import { TextAreaField, TextField } from '../../ui/Field';
import { useUnsavedChangesGuard } from '../../ui/useUnsavedChangesGuard';

const DELAY_MS = 700;
/** Waits before trying a failed save again: quickly at first, then every 30 seconds. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The stored text a field's draft starts from (as the field reads it from the store, which may have
 * cleaned what was typed), and the record's version (`updatedAt`) that held it.
 */
export interface FieldBase {
  value: string;
  version: string | undefined;
}

/** Someone else changed a field's stored text since the draft started from it (edit conflicts). */
export interface FieldConflict {
  changedBy: string;
  changedAt: string;
  /** Their text, as the field shows it. */
  theirs: string;
  /** The record's version holding their text: saving over it sends this. */
  version: string;
}

/**
 * Stored (true or nothing; or `stored`: what the store holds now and its version), not stored (false:
 * tried again later), or refused because someone else changed it.
 */
export type SaveOutcome = void | boolean | { stored: FieldBase } | { conflict: FieldConflict };

/**
 * Saves a value that was typed on `base`; an advice editor's `actions.saveField` resolves false after it
 * showed why, or with the conflict for the field to show.
 */
type Save = (value: string, base: FieldBase) => Promise<SaveOutcome>;

/**
 * A text field that saves itself: shortly after typing stops, at once when focus leaves, when the
 * field goes away (another page, Back) and when the page is left or reloaded (`pagehide`). A value
 * counts as saved only once the save succeeded: a failed save is tried again, with growing pauses,
 * and the field says so. The draft stays what the user typed while the saved advice comes back, so
 * typing is never undone. Each save carries the version its draft started from; when someone else
 * changed the text since, the field shows who and when and offers to keep mine, take theirs or merge,
 * and saves nothing until the user chose (a text from another source never replaces unsaved typing).
 */
function useAutosave(value: string, version: string | undefined, onSave: Save) {
  const [draft, setDraft] = useState(value);
  const [failed, setFailed] = useState(false);
  const [conflict, setConflict] = useState<FieldConflict | null>(null);
  /** What the store holds as far as we know: confirmed by a save, or given by the page. */
  const saved = useRef(value);
  /** The stored text `saved` stands for and its version: what the next update is made on. */
  const base = useRef<FieldBase>({ value, version });
  /** What the user typed last. */
  const wanted = useRef(value);
  /** The value of the save on its way, if any: one at a time, so an older one never lands last. */
  const saving = useRef<string | null>(null);
  /** Set while a conflict waits for the user's choice: nothing is saved meanwhile. */
  const blocked = useRef(false);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  const mounted = useRef(true);
  const latest = useRef(onSave);
  latest.current = onSave;

  useEffect(() => {
    // The stored text is still the one the draft started from (or our own save came back): only its version moved.
    if (value === base.current.value || value === saved.current || value === saving.current) {
      base.current = { value, version };
      return;
    }
    // Another source changed the text: show it, unless the user typed something not yet saved (then
    // their save meets the change as a conflict, and nothing typed is replaced).
    if (wanted.current !== saved.current || saving.current !== null || blocked.current) return;
    saved.current = value;
    base.current = { value, version };
    wanted.current = value;
    setDraft(value);
  }, [value, version]);

  const clearTimers = () => {
    if (debounce.current) clearTimeout(debounce.current);
    if (retry.current) clearTimeout(retry.current);
    debounce.current = null;
    retry.current = null;
  };

  const save = () => {
    clearTimers();
    // The save on its way starts the next one when it is done; a conflict waits for the user.
    if (saving.current !== null || blocked.current) return;
    const next = wanted.current;
    if (next === saved.current) return;
    saving.current = next;
    void Promise.resolve()
      .then(() => latest.current(next, base.current))
      .then(
        (result) => result,
        () => false as const,
      )
      .then((result) => {
        saving.current = null;
        if (result && typeof result === 'object' && 'conflict' in result) {
          // Someone else changed it: keep the text, save nothing more until the user chose.
          blocked.current = true;
          failures.current = 0;
          if (mounted.current) {
            setFailed(false);
            setConflict(result.conflict);
          }
          return;
        }
        if (result !== false) {
          saved.current = next;
          if (typeof result === 'object') base.current = result.stored;
          failures.current = 0;
          if (mounted.current) setFailed(false);
          // Typed on while this save ran, and no save planned for it: save that too.
          if (wanted.current !== saved.current && !debounce.current) save();
          return;
        }
        // Not saved: keep the text and try again (a field that went away tried once more, on leaving).
        if (!mounted.current) return;
        setFailed(true);
        const delay = RETRY_DELAYS_MS[Math.min(failures.current, RETRY_DELAYS_MS.length - 1)]!;
        failures.current += 1;
        retry.current = setTimeout(save, delay);
      });
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    mounted.current = true;
    // Leaving or reloading the page: start the save now, before the page is gone.
    const onPageHide = () => saveRef.current();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      mounted.current = false;
      // The field goes away (Back, another page) within the delay: save what was typed, not drop it.
      saveRef.current();
      clearTimers();
    };
  }, []);

  /** Ends a conflict: the draft now starts from their text; `text` is what the field holds and saves. */
  const resolve = (text: string) => {
    if (!conflict) return;
    saved.current = conflict.theirs;
    base.current = { value: conflict.theirs, version: conflict.version };
    wanted.current = text;
    blocked.current = false;
    setDraft(text);
    setConflict(null);
    save();
  };

  return {
    value: draft,
    failed,
    conflict,
    onChange: (next: string) => {
      setDraft(next);
      wanted.current = next;
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = setTimeout(() => {
        debounce.current = null;
        save();
      }, DELAY_MS);
    },
    onBlur: () => save(),
    /** "Mijn versie bewaren": save what the field holds over their text. */
    keepMine: () => resolve(wanted.current),
    /** "Hun versie nemen": the field shows their text (stored already, so nothing is saved). */
    takeTheirs: () => resolve(conflict?.theirs ?? wanted.current),
    /** "Zelf samenvoegen", then save: the merged text is saved over theirs. */
    saveMerged: (merged: string) => resolve(merged),
  };
}

type Autosave = ReturnType<typeof useAutosave>;

/**
 * Shown at a field whose save met someone else's change: who and when, and the three ways on. Takes
 * focus when it appears (an alert: announced at once); merging shows both texts side by side above a
 * box for the merged text, which starts as mine. Nothing typed is lost: mine stays in the field (and in
 * the merge box) until the user chose.
 */
function ConflictPanel({ field, label, children }: { field: Autosave; label: string; children: ReactNode }) {
  const conflict = field.conflict;
  const [merging, setMerging] = useState(false);
  /** The merged text as far as typed (kept when going back to the choice); null: not started. */
  const [merged, setMerged] = useState<string | null>(null);
  // Leaving the page (a link, Back, closing) while a conflict waits asks first: mine is not saved yet.
  const leaveGuard = useUnsavedChangesGuard(conflict !== null);
  const alertRef = useRef<HTMLDivElement>(null);
  const mergeRef = useRef<HTMLTextAreaElement>(null);
  const conflictAt = conflict?.changedAt;
  // Focus goes to the alert when it appears (and back to it from merging), to the merge box when merging.
  useEffect(() => {
    if (!conflictAt) return;
    if (merging) mergeRef.current?.focus();
    else alertRef.current?.focus();
  }, [conflictAt, merging]);
  if (!conflict) return <>{children}</>;
  const finish = (action: () => void) => {
    setMerging(false);
    setMerged(null);
    action();
  };
  const who = { name: conflict.changedBy, when: formatDateTime(conflict.changedAt) };
  return (
    <div className="aw-conflict">
      {leaveGuard}
      {merging ? (
        <div className="aw-conflict__merge" role="group" aria-label={t('advicesUi.conflictMergeTitle', { field: label })}>
          <p className="aw-conflict__title">{t('advicesUi.conflictChanged', who)}</p>
          <div className="aw-conflict__versions">
            <section aria-label={t('advicesUi.conflictMine')}>
              <p className="utrecht-form-label">{t('advicesUi.conflictMine')}</p>
              <p className="aw-conflict__text" data-testid="conflict-mine">
                {field.value || t('advicesUi.conflictEmpty')}
              </p>
            </section>
            <section aria-label={t('advicesUi.conflictTheirs', { name: conflict.changedBy })}>
              <p className="utrecht-form-label">{t('advicesUi.conflictTheirs', { name: conflict.changedBy })}</p>
              <p className="aw-conflict__text" data-testid="conflict-theirs">
                {conflict.theirs || t('advicesUi.conflictEmpty')}
              </p>
            </section>
          </div>
          <TextAreaField
            ref={mergeRef}
            label={t('advicesUi.conflictMerged', { field: label })}
            description={t('advicesUi.conflictMergedHint')}
            className="aw-grow"
            rows={3}
            value={merged ?? field.value}
            onChange={(event) => setMerged(event.target.value)}
          />
          <div className="aw-conflict__actions">
            <Button appearance="primary" onClick={() => finish(() => field.saveMerged(merged ?? field.value))}>
              {t('advicesUi.conflictSaveMerged')}
            </Button>
            <Button appearance="subtle" onClick={() => setMerging(false)}>
              {t('advicesUi.conflictBack')}
            </Button>
          </div>
        </div>
      ) : (
        <>
          {children}
          <div className="utrecht-alert utrecht-alert--warning aw-conflict__alert" role="alert" tabIndex={-1} ref={alertRef}>
            <div className="utrecht-alert__content">
              <div className="utrecht-alert__message">
                <p className="aw-conflict__title">{t('advicesUi.conflictChanged', who)}</p>
                <p>{t('advicesUi.conflictExplain')}</p>
                <div className="aw-conflict__actions">
                  <Button appearance="primary" onClick={() => finish(field.keepMine)}>
                    {t('advicesUi.conflictKeepMine')}
                  </Button>
                  <Button onClick={() => finish(field.takeTheirs)}>{t('advicesUi.conflictTakeTheirs')}</Button>
                  <Button
                    onClick={() => setMerging(true)}
                  >
                    {t('advicesUi.conflictMerge')}
                  </Button>
                </div>
              </div>
            </div>
          </div>
        </>
      )}
    </div>
  );
}

/** Said at the field while its text is not saved and a new attempt is planned. */
function NotSaved({ failed }: { failed: boolean }) {
  return (
    <p className="aw-autosave-state" role="status" aria-live="polite">
      {failed ? t('autosave.retrying') : ''}
    </p>
  );
}

interface AutosaveProps {
  label: string;
  description?: string;
  value: string;
  /** The version of the record holding `value` (its `updatedAt`): sent with each save, so a stale one is refused. */
  version?: string;
  onSave: Save;
  disabled?: boolean;
}

/** After a conflict is settled the field takes focus back (the alert that had it is gone). */
function useRefocusAfterConflict(field: Autosave) {
  const control = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const hadConflict = useRef(false);
  useEffect(() => {
    if (field.conflict) hadConflict.current = true;
    else if (hadConflict.current) {
      hadConflict.current = false;
      control.current?.focus();
    }
  }, [field.conflict]);
  return control;
}

/** `grow`: the box grows with its text (CSS field-sizing) instead of scrolling. */
export function AutosaveTextArea({ label, description, value, version, onSave, disabled, rows, grow }: AutosaveProps & { rows?: number; grow?: boolean }) {
  const field = useAutosave(value, version, onSave);
  const control = useRefocusAfterConflict(field);
  return (
    <ConflictPanel field={field} label={label}>
      <TextAreaField
        ref={control}
        label={label}
        {...(description ? { description } : {})}
        value={field.value}
        rows={rows ?? 3}
        {...(grow ? { className: 'aw-grow' } : {})}
        disabled={disabled}
        onChange={(event) => field.onChange(event.target.value)}
        onBlur={field.onBlur}
      />
      <NotSaved failed={field.failed} />
    </ConflictPanel>
  );
}

export function AutosaveTextField({ label, description, value, version, onSave, disabled, type }: AutosaveProps & { type?: string }) {
  const field = useAutosave(value, version, onSave);
  const control = useRefocusAfterConflict(field);
  return (
    <ConflictPanel field={field} label={label}>
      <TextField
        ref={control}
        label={label}
        {...(description ? { description } : {})}
        type={type ?? 'text'}
        value={field.value}
        disabled={disabled}
        onChange={(event) => field.onChange(event.target.value)}
        onBlur={field.onBlur}
      />
      <NotSaved failed={field.failed} />
    </ConflictPanel>
  );
}
