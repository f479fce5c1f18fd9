/**
 * "Opgeslagen." beside a control that saves where it stands (`useInlineSave`): a polite live region
 * that is always there, so a screen reader announces the text when it appears.
 */
export function SaveStatus({ text }: { text: string }) {
  return (
    <span className="aw-muted aw-save-status" role="status">
      {text}
    </span>
  );
}
