import { t } from '../../../../shared/i18n';
import { useSession } from '../../app/AuthGate';
import { usePresence } from '../../data/usePresence';

const names = new Intl.ListFormat('nl-NL', { style: 'long', type: 'conjunction' });

/** "Ook geopend door Bert Jansen en Carla Smit.": who else has this advice open (council server only). */
export function PresenceNote({ adviceId }: { adviceId: string }) {
  const { account } = useSession();
  const viewers = usePresence(adviceId, account !== null);
  // A polite live region that is always there, so a newcomer is announced.
  return (
    <p className="aw-presence aw-muted" role="status" aria-live="polite">
      {viewers.length > 0 && t('presence.alsoOpen', { names: names.format(viewers.map((viewer) => viewer.name)) })}
    </p>
  );
}
