import { useEffect, useRef, useState, type ReactNode } from 'react';
import { t } from '../../../shared/i18n';
import { Button } from './Button';
import { TextField } from './Field';

/**
 * A name shown as text with "Naam wijzigen"; in edit mode a field with Opslaan/Annuleren (Enter
 * saves, Escape cancels) and focus back on the button afterwards. `save` throws to keep editing
 * (the caller shows the error).
 */
export function InlineRename({ name, label, save, children }: { name: string; label: string; save(name: string): Promise<void>; children?: ReactNode }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(name);
  const field = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (editing) field.current?.focus();
    else if (returnFocus.current) button.current?.focus();
  }, [editing]);

  const stop = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const submit = async () => {
    try {
      await save(value);
      stop();
    } catch {
      field.current?.focus();
    }
  };

  if (!editing) {
    return (
      <>
        {name}
        {children}{' '}
        <Button
          ref={button}
          appearance="subtle"
          aria-label={t('common.renameLabel', { name })}
          onClick={() => {
            setValue(name);
            setEditing(true);
          }}
        >
          {t('common.rename')}
        </Button>
      </>
    );
  }
  return (
    <span className="aw-inline-rename">
      <TextField
        ref={field}
        label={label}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void submit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            stop();
          }
        }}
      />
      <Button appearance="primary" onClick={() => void submit()}>
        {t('common.save')}
      </Button>
      <Button onClick={stop}>{t('common.cancel')}</Button>
    </span>
  );
}
