import { formatDateShort, t } from '../../../../shared/i18n';
import { hrefFor } from '../../app/router';
import { useApiQuery } from '../../data/queries';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryState } from '../../ui/QueryState';
import { sourceLabel } from '../meetings/controls';

/** One signal with its findings: where the findings table's signal column links to (/inbreng/signalen/<id>). */
export function SignalDetail({ id }: { id: string }) {
  const signal = useApiQuery('signals.get', { id });
  return (
    <QueryState query={signal}>
      {(detail) => (
        <section className="aw-card" aria-labelledby="signaal-titel">
          <Heading level={2} id="signaal-titel">
            {t('signals.detailLabel', { title: detail.title })}
          </Heading>
          {detail.description && <Paragraph>{detail.description}</Paragraph>}
          <Paragraph>
            <span className="aw-count-badge">{t('signals.findingCount', { count: detail.findingCount })}</span>
            {' · '}
            {t('signals.wijkCount', { count: detail.wijkCount })}
          </Paragraph>
          <ul className="aw-entry-list" aria-label={`${t('signals.findings')}: ${detail.title}`}>
            {detail.findings.map((finding) => (
              <li key={finding.id}>
                <div>
                  <div>{finding.text}</div>
                  <div className="aw-entry-meta">
                    {[finding.meetingTitle ?? t('findings.noMeeting'), formatDateShort(finding.date), finding.wijkName, sourceLabel(finding.source)].filter(Boolean).join(' · ')}
                  </div>
                </div>
              </li>
            ))}
          </ul>
          <Paragraph>
            <a className="utrecht-link" href={hrefFor('/inbreng/signalen')}>
              {t('signals.backToAll')}
            </a>
          </Paragraph>
        </section>
      )}
    </QueryState>
  );
}
