import { formatDateLong, t } from '../../../../shared/i18n';
import { hrefFor } from '../../app/router';
import { useApiQuery } from '../../data/queries';
import { Heading } from '../../ui/Heading';

/** For the start page: terms ending within three months and actions past their due date. */
export function CouncilAttention() {
  // Only shown when something needs attention; while loading or on an error the start page shows nothing here.
  const attention = useApiQuery('councilOwn.attention').data;
  if (!attention || (attention.termsEnding.length === 0 && attention.overdueActions.length === 0)) return null;
  return (
    <section className="aw-card" aria-labelledby="raad-aandacht">
      <Heading level={2} id="raad-aandacht">
        {t('councilOwn.attentionTitle')}
      </Heading>
      {attention.termsEnding.length > 0 && (
        <>
          <p>
            <strong>{t('councilOwn.termsEnding')}</strong>
          </p>
          <ul>
            {attention.termsEnding.map((member) => (
              <li key={member.id}>
                <a className="utrecht-link" href={hrefFor('/raad')}>
                  {member.name}
                </a>
                : {formatDateLong(member.termEnd)}
              </li>
            ))}
          </ul>
        </>
      )}
      {attention.overdueActions.length > 0 && (
        <>
          <p>
            <strong>{t('councilOwn.overdueActions')}</strong>
          </p>
          <ul>
            {attention.overdueActions.map((action) => (
              <li key={action.id}>
                <a className="utrecht-link" href={hrefFor('/raad/acties')}>
                  {action.description}
                </a>{' '}
                ({action.ownerName}, {t('councilOwn.dueOn').toLowerCase()} {formatDateLong(action.dueOn)})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** For the advice page: "Vastgesteld in de raadsvergadering van 12 maart 2026", as a link. */
export function AdoptionLink({ adviceId }: { adviceId: string }) {
  // A write to the advice (its status) or to a council meeting refetches this (ALSO_CHANGES).
  const adoption = useApiQuery('councilMeetings.adoptionOf', { adviceId }).data;
  if (!adoption) return null;
  return (
    <p>
      <a className="utrecht-link" href={hrefFor(`/raad/vergaderingen/${adoption.meetingId}`)}>
        {t('councilOwn.adoptedIn', { date: formatDateLong(adoption.meetingDate) })}
      </a>
    </p>
  );
}
