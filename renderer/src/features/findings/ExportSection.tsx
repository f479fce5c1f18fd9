import { useState } from 'react';
import { t } from '../../../../shared/i18n';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';
import type { OverviewQuery } from './overview-query';

/** Exports what the overview shows now (search, filters, sort) as a job with progress and cancel. */
export function ExportSection({ request }: { request: OverviewQuery }) {
  const { job, running, start, cancel } = useJob();
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const run = (format: 'csv' | 'xlsx') => void start({ kind: 'findingsExport', params: { ...request, format, includePersonalData } });
  return (
    <section className="aw-card" aria-labelledby="export-titel">
      <Heading level={2} id="export-titel">
        {t('export.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('export.intro')}</Paragraph>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label">
          <input
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={includePersonalData}
            onChange={(event) => setIncludePersonalData(event.target.checked)}
            aria-describedby="export-persoonsgegevens-uitleg"
          />{' '}
          {t('export.includePersonalData')}
        </label>
        <div className="utrecht-form-field-description" id="export-persoonsgegevens-uitleg">
          {t('export.includePersonalDataHint')}
        </div>
      </div>
      <div className="aw-button-row">
        <Button onClick={() => run('csv')} disabled={running}>
          {t('export.csv')}
        </Button>
        <Button onClick={() => run('xlsx')} disabled={running}>
          {t('export.xlsx')}
        </Button>
      </div>
      {job && <JobProgress job={job} label={t('export.started')} onCancel={() => void cancel()} />}
    </section>
  );
}
