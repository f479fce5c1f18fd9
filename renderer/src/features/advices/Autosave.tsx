import { useEffect, useRef, useState } from 'react';
import { t } from '../../../../shared/i18n';
import { TextAreaField, TextField } from '../../ui/Field';

const DELAY_MS = 700;
/** Waits before trying a failed save again: quickly at first, then every 30 seconds. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Saves a value: resolves (true or nothing) when it is stored; false or a rejection means it is not.
 * An advice editor's `actions.run` resolves false after it showed why.
 */
type Save = (value: string) => Promise<void | boolean>;

/**
 * A text field that saves itself: shortly after typing stops, at once when focus leaves, when the
 * field goes away (another page, Back) and when the page is left or reloaded (`pagehide`). A value
 * counts as saved only once the save succeeded: a failed save is tried again, with growing pauses,
 * and the field says so. The draft stays what the user typed while the saved advice comes back, so
 * typing is never undone.
 */
function useAutosave(value: string, onSave: Save) {
  const [draft, setDraft] = useState(value);
  const [failed, setFailed] = useState(false);
  /** What the store holds as far as we know: confirmed by a save, or given by the page. */
  const saved = useRef(value);
  /** What the user typed last. */
  const wanted = useRef(value);
  /** The value of the save on its way, if any: one at a time, so an older one never lands last. */
  const saving = useRef<string | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const failures = useRef(0);
  const mounted = useRef(true);
  const latest = useRef(onSave);
  latest.current = onSave;

  useEffect(() => {
    // Another source changed the value (a reload, a new version, another member's save arriving
    // live): show it. Our own save coming back is not another source.
    if (value === saved.current || value === saving.current) return;
    const typingUnsaved = wanted.current !== saved.current;
    saved.current = value;
    // What the user typed and is not stored yet stays in the field, and its save still goes out:
    // another's change never silently replaces it.
    if (typingUnsaved) return;
    wanted.current = value;
    setDraft(value);
  }, [value]);

  const clearTimers = () => {
    if (debounce.current) clearTimeout(debounce.current);
    if (retry.current) clearTimeout(retry.current);
    debounce.current = null;
    retry.current = null;
  };

  const save = () => {
    clearTimers();
    // The save on its way starts the next one when it is done.
    if (saving.current !== null) return;
    const next = wanted.current;
    if (next === saved.current) return;
    saving.current = next;
    void Promise.resolve()
      .then(() => latest.current(next))
      .then(
        (result) => result !== false,
        () => false,
      )
      .then((ok) => {
        saving.current = null;
        if (ok) {
          saved.current = next;
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

  return {
    value: draft,
    failed,
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
  };
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
  onSave: Save;
  disabled?: boolean;
}

/** `grow`: the box grows with its text (CSS field-sizing) instead of scrolling. */
export function AutosaveTextArea({ label, description, value, onSave, disabled, rows, grow }: AutosaveProps & { rows?: number; grow?: boolean }) {
  const field = useAutosave(value, onSave);
  return (
    <>
      <TextAreaField
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
    </>
  );
}

export function AutosaveTextField({ label, description, value, onSave, disabled, type }: AutosaveProps & { type?: string }) {
  const field = useAutosave(value, onSave);
  return (
    <>
      <TextField
        label={label}
        {...(description ? { description } : {})}
        type={type ?? 'text'}
        value={field.value}
        disabled={disabled}
        onChange={(event) => field.onChange(event.target.value)}
        onBlur={field.onBlur}
      />
      <NotSaved failed={field.failed} />
    </>
  );
}
