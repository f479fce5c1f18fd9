import type { ReactNode } from 'react';
import type { Shortlist, StartOverview } from '../../../../shared/api/start';
import { formatDateLong, formatDateShort, t } from '../../../../shared/i18n';
import { hrefFor } from '../../app/router';
import { useApiQuery } from '../../data/queries';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryState } from '../../ui/QueryState';
import { daysLeftText } from '../advices/AdvicesListPage';
import { CouncilAttention } from '../councilOwn/CouncilAttention';

/** One part of the day's overview: a heading, the first rows, and a link to the rest. */
function Part<T>({ id, title, list, more, children }: { id: string; title: string; list: Shortlist<T>; more: string; children: (row: T) => ReactNode }) {
  return (
    <section className="aw-card aw-start-part" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {list.rows.length === 0 ? (
        <Paragraph className="aw-muted">{t('start.nothing')}</Paragraph>
      ) : (
        <ul>{list.rows.map(children)}</ul>
      )}
      {list.total > list.rows.length && (
        <Paragraph>
          <a className="utrecht-link" href={hrefFor(more)}>
            {t('start.more', { count: list.total - list.rows.length })}
          </a>
        </Paragraph>
      )}
    </section>
  );
}

function Overview({ overview }: { overview: StartOverview }) {
  return (
    <div className="aw-start-grid">
      <Part id="start-bijeenkomsten" title={t('start.nextMeetings')} list={overview.nextMeetings} more="/bijeenkomsten">
        {(meeting) => (
          <li key={meeting.id}>
            <a className="utrecht-link" href={hrefFor(`/bijeenkomsten/${meeting.id}`)}>
              {meeting.title}
            </a>
            : {formatDateLong(meeting.date)}
            {meeting.startTime && `, ${meeting.startTime}`}
            {meeting.location && ` · ${meeting.location}`}
          </li>
        )}
      </Part>
      <Part id="start-concepten" title={t('start.conceptAdvices')} list={overview.conceptAdvices} more="/adviezen">
        {(advice) => (
          <li key={advice.id}>
            <a className="utrecht-link" href={hrefFor(`/adviezen/${advice.id}`)}>
              {advice.kenmerk} {advice.betreft}
            </a>
            :{' '}
            {advice.deadline ? (
              <>
                {t('advicesUi.requestDeadline').toLowerCase()} {formatDateLong(advice.deadline)},{' '}
                <span className={advice.daysLeft !== null && advice.daysLeft < 7 ? 'aw-urgent' : undefined}>{daysLeftText(advice)}</span>
              </>
            ) : (
              t('start.noDeadline')
            )}
          </li>
        )}
      </Part>
      <Part id="open-aanvragen-titel" title={t('advicesUi.requestsTitle')} list={overview.requestsDue} more="/adviezen">
        {(request) => (
          <li key={request.id}>
            <a className="utrecht-link" href={hrefFor('/adviezen')}>
              {request.subject}
            </a>
            : {t('advicesUi.requestDeadline').toLowerCase()} {formatDateLong(request.deadline)},{' '}
            <span className={request.daysLeft < 7 ? 'aw-urgent' : undefined}>{daysLeftText(request)}</span>
          </li>
        )}
      </Part>
      <Part id="start-reacties" title={t('start.responsesOverdue')} list={overview.responsesOverdue} more="/reacties">
        {(advice) => (
          <li key={advice.adviceId}>
            <a className="utrecht-link" href={hrefFor(`/reacties/${advice.adviceId}`)}>
              {advice.kenmerk} {advice.betreft}
            </a>
            : <span className="aw-urgent">{t('start.responseOverdue', { date: formatDateShort(advice.dueOn), days: advice.daysOverdue })}</span>
          </li>
        )}
      </Part>
      <Part id="start-toezeggingen" title={t('start.commitmentsDue')} list={overview.commitmentsDue} more="/reacties">
        {(commitment) => (
          <li key={commitment.id}>
            <a className="utrecht-link" href={hrefFor(`/reacties/${commitment.adviceId}`)}>
              {commitment.description}
            </a>{' '}
            ({commitment.kenmerk}
            {commitment.owner && `, ${commitment.owner}`}):{' '}
            {commitment.daysOverdue > 0 ? (
              <span className="aw-urgent">{t('start.commitmentOverdue', { days: commitment.daysOverdue })}</span>
            ) : (
              t('start.commitmentDue', { date: formatDateShort(commitment.dueOn) })
            )}
          </li>
        )}
      </Part>
      <Part id="start-raad" title={t('start.nextCouncilMeetings')} list={overview.nextCouncilMeetings} more="/raad/vergaderingen">
        {(meeting) => (
          <li key={meeting.id}>
            <a className="utrecht-link" href={hrefFor(`/raad/vergaderingen/${meeting.id}`)}>
              {t('start.councilMeeting')} {formatDateLong(meeting.date)}
            </a>
            {meeting.startTime && `, ${meeting.startTime}`}
            {meeting.place && ` · ${meeting.place}`}
          </li>
        )}
      </Part>
      <Part id="start-inbreng" title={t('start.lastInput')} list={overview.lastInput} more="/inbreng">
        {(finding) => (
          <li key={finding.id}>
            {finding.text.length > 120 ? `${finding.text.slice(0, 119)}…` : finding.text}
            <span className="aw-entry-meta"> ({[finding.meetingTitle, formatDateShort(finding.date)].filter(Boolean).join(', ')})</span>
          </li>
        )}
      </Part>
    </div>
  );
}

/** The start page: the day's overview, read in one call (`start.overview`). */
export function StartPage(_props: { title: string }) {
  const council = useApiQuery('council.get').data;
  const overview = useApiQuery('start.overview');
  return (
    <>
      <Heading level={1}>{council?.name || t('app.name')}</Heading>
      {council && !council.name && (
        <Paragraph>
          <a className="utrecht-link" href="#/instellingen">
            {t('start.fillSettings')}
          </a>
        </Paragraph>
      )}
      <QueryState query={overview}>
        {(data) => (
          <>
            <Paragraph>{t('start.today', { date: formatDateLong(data.today) })}</Paragraph>
            <Overview overview={data} />
          </>
        )}
      </QueryState>
      <CouncilAttention />
    </>
  );
}
