import { formatDateLong, t } from '../../../../shared/i18n';
import { useApiQuery } from '../../data/queries';
import { hrefFor } from '../../app/router';
import { Heading } from '../../ui/Heading';
import { daysLeftText } from './AdvicesListPage';

/** For the start screen: requests for advice still to answer, the nearest deadline first. */
export function OpenRequests() {
  const requests = (useApiQuery('adviceRequests.list').data ?? []).filter((request) => request.daysLeft !== null);
  if (requests.length === 0) return null;
  return (
    <section className="aw-card" aria-labelledby="open-aanvragen-titel">
      <Heading level={2} id="open-aanvragen-titel">
        {t('advicesUi.requestsTitle')}
      </Heading>
      <ul>
        {requests.map((request) => (
          <li key={request.id}>
            <a href={hrefFor('/adviezen')}>{request.subject}</a>: {t('advicesUi.requestDeadline').toLowerCase()} {formatDateLong(request.deadline)},{' '}
            <span className={request.daysLeft !== null && request.daysLeft < 7 ? 'aw-urgent' : undefined}>{daysLeftText(request)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
