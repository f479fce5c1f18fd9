import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { MethodInput, MethodName } from '../../../shared/api/contract';
import { t } from '../../../shared/i18n';
import { useInlineSave } from '../data/useInlineSave';
import { Button } from './Button';
import { TextField } from './Field';
import { SaveStatus } from './SaveStatus';

interface RenameProps<M extends MethodName> {
  /** The name as it is now. */
  name: string;
  /** The label of the field in edit mode ("Nieuwe naam van het programma"). */
  label: string;
  /** The contract method that renames, and the input path of the name in it (its messages go to the field). */
  method: M;
  field: string;
  /** The method's input for a typed name. */
  input(name: string): MethodInput<M>;
}

/**
 * A name shown as text with "Naam wijzigen"; in edit mode a field with Opslaan/Annuleren (Enter
 * saves, Escape cancels) and focus back on the button afterwards. Saving goes through
 * `useInlineSave`: the contract's schema first, then the write; a refusal (too long, empty, the record
 * gone) is shown at the field in Dutch, which keeps what was typed and gets focus; a second Enter or
 * click while saving is ignored. "Opgeslagen." appears in a live region beside the name.
 */
export function InlineRename<M extends MethodName>({ name, label, method, field, input, children }: RenameProps<M> & { children?: ReactNode }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!editing && returnFocus.current) button.current?.focus();
  }, [editing]);

  const stop = (done: boolean) => {
    returnFocus.current = true;
    setSaved(done);
    setEditing(false);
  };

  return (
    <>
      {editing ? (
        <RenameEditor name={name} label={label} method={method} field={field} input={input} onDone={stop} />
      ) : (
        <>
          {name}
          {children}{' '}
          <Button
            ref={button}
            appearance="subtle"
            aria-label={t('common.renameLabel', { name })}
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {t('common.rename')}
          </Button>
        </>
      )}{' '}
      {/* Always there (in both modes), so a screen reader announces "Opgeslagen." when it appears. */}
      <SaveStatus text={saved ? t('common.saved') : ''} />
    </>
  );
}

/** The edit mode: its own `useInlineSave`, so a message from an earlier, cancelled try is gone when it opens again. */
function RenameEditor<M extends MethodName>({ name, label, method, field, input, onDone }: RenameProps<M> & { onDone(saved: boolean): void }) {
  const [value, setValue] = useState(name);
  const rename = useInlineSave(method, [field]);
  const element = useRef<HTMLInputElement | null>(null);
  useEffect(() => element.current?.focus(), []);
  const { error, ref } = rename.field(field);

  const submit = async () => {
    const answer = await rename.save(input(value));
    if (answer !== undefined) onDone(true);
  };

  return (
    <span className="aw-inline-rename">
      <TextField
        ref={(node: HTMLInputElement | null) => {
          element.current = node;
          ref(node);
        }}
        label={label}
        error={error}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void submit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            onDone(false);
          }
        }}
      />
      <Button appearance="primary" aria-busy={rename.isPending || undefined} onClick={() => void submit()}>
        {t('common.save')}
      </Button>
      <Button onClick={() => onDone(false)}>{t('common.cancel')}</Button>
    </span>
  );
}
