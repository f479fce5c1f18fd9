import type { ReactNode } from 'react';

type Kind = 'info' | 'ok' | 'error';

/** A message block; errors are announced at once, other messages politely. */
export function Alert({ kind, children }: { kind: Kind; children: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}
