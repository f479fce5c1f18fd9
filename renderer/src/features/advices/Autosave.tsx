import { useEffect, useRef, useState } from 'react';
import { TextAreaField, TextField } from '../../ui/Field';

const DELAY_MS = 700;

/**
 * A text field that saves itself: shortly after typing stops, and at once when focus leaves. The
 * draft stays what the user typed while the saved advice comes back, so typing is never undone.
 */
function useAutosave(value: string, onSave: (value: string) => Promise<void>) {
  const [draft, setDraft] = useState(value);
  const saved = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(onSave);
  latest.current = onSave;

  useEffect(() => {
    // Another source changed the value (a reload, a new version): show it.
    if (value !== saved.current) {
      saved.current = value;
      setDraft(value);
    }
  }, [value]);

  const flush = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (next === saved.current) return;
    saved.current = next;
    void latest.current(next);
  };
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return {
    value: draft,
    onChange: (next: string) => {
      setDraft(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => flush(next), DELAY_MS);
    },
    onBlur: () => flush(draft),
  };
}

interface AutosaveProps {
  label: string;
  description?: string;
  value: string;
  onSave(value: string): Promise<void>;
  disabled?: boolean;
}

export function AutosaveTextArea({ label, description, value, onSave, disabled, rows }: AutosaveProps & { rows?: number }) {
  const field = useAutosave(value, onSave);
  return (
    <TextAreaField
      label={label}
      {...(description ? { description } : {})}
      value={field.value}
      rows={rows ?? 3}
      disabled={disabled}
      onChange={(event) => field.onChange(event.target.value)}
      onBlur={field.onBlur}
    />
  );
}

export function AutosaveTextField({ label, description, value, onSave, disabled, type }: AutosaveProps & { type?: string }) {
  const field = useAutosave(value, onSave);
  return (
    <TextField
      label={label}
      {...(description ? { description } : {})}
      type={type ?? 'text'}
      value={field.value}
      disabled={disabled}
      onChange={(event) => field.onChange(event.target.value)}
      onBlur={field.onBlur}
    />
  );
}
