import { useState } from 'react';
import type { MeetingDetail } from '../../../../shared/api/meetings';
import { t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';
import { CheckboxField } from '../../ui/Field';

/** The meeting report (.docx) as a job; findings with personal data stay out unless asked for. */
export function MeetingReportSection({ meeting }: { meeting: MeetingDetail }) {
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const { job, running, start, cancel } = useJob();
  return (
    <section className="aw-card" aria-labelledby="verslag-titel">
      <Heading level={2} id="verslag-titel">
        {t('report.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('report.intro')}</Paragraph>
      <CheckboxField label={t('report.includePersonalData')} checked={includePersonalData} onChange={setIncludePersonalData} />
      <div className="aw-button-row">
        <Button appearance="primary" disabled={running} onClick={() => void start({ kind: 'meetingReport', params: { meetingId: meeting.id, includePersonalData } })}>
          {t('report.make')}
        </Button>
      </div>
      {job && <JobProgress job={job} label={t('report.started')} onCancel={() => void cancel()} />}
    </section>
  );
}
