import { useState } from 'react';
import { yearInNetherlands } from '../../../../shared/calendar';
import type { ExportedFile } from '../../../../shared/api/advices';
import type { MethodInput } from '../../../../shared/api/contract';
import { formatDateShort, t } from '../../../../shared/i18n';
import { ApiCallError } from '../../../../shared/result';
import { NO_ROWS, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';
import { base64ToBytes, downloadBytes } from '../../ui/download';
import { FigureSection } from './figures';

/** Offers an exported file for download (in the Electron app the same link opens the save dialog). */
export async function offer(work: () => Promise<ExportedFile>, onError: (message: string) => void): Promise<void> {
  try {
    const file = await work();
    if (file.bytesBase64) downloadBytes(file.fileName, base64ToBytes(file.bytesBase64));
  } catch (error) {
    if (error instanceof ApiCallError) onError(error.message);
    else throw error;
  }
}

/** The annual adviezenoverzicht and the terugkoppeling to participants, made as jobs into the exports folder. */
export function Exports({ years }: { years: number[] }) {
  const thisYear = yearInNetherlands();
  const choices = [...new Set([thisYear, ...years])].sort((a, b) => b - a);
  const [year, setYear] = useState(choices[0] ?? thisYear);
  const meetings = useApiQuery('meetings.list', {}).data ?? NO_ROWS;
  const programmes = useApiQuery('programmes.list').data ?? NO_ROWS;
  const [scope, setScope] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { job, running, start, cancel } = useJob();
  const run = (params: MethodInput<'jobs.start'>) => {
    setError(null);
    start(params).catch((failure: unknown) => {
      if (failure instanceof ApiCallError) setError(failure.message);
      else throw failure;
    });
  };
  const feedback = () => {
    const [kind, id] = scope.split(':');
    if (!id) return;
    run({ kind: 'responsesReport', params: { report: 'terugkoppeling', ...(kind === 'programma' ? { programmeId: id } : { meetingId: id }) } });
  };
  return (
    // Controls for making documents: nothing to read on paper.
    <FigureSection id="exports" title={t('reports.exportOverview')} screenOnly>
      {error && <Alert kind="error">{error}</Alert>}
      <div className="aw-inline-form">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="overzicht-jaar">
            {t('reports.exportYear')}
          </label>
          <select id="overzicht-jaar" className="utrecht-select" value={year} onChange={(event) => setYear(Number(event.target.value))}>
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </div>
        <Button disabled={running} onClick={() => run({ kind: 'responsesReport', params: { report: 'adviezenoverzicht', year, format: 'docx' } })}>
          {t('reports.exportDocx')}
        </Button>
        <Button disabled={running} onClick={() => run({ kind: 'responsesReport', params: { report: 'adviezenoverzicht', year, format: 'xlsx' } })}>
          {t('reports.exportXlsx')}
        </Button>
      </div>
      <Heading level={3}>{t('reports.exportFeedback')}</Heading>
      <Paragraph>{t('reports.feedbackHelp')}</Paragraph>
      <div className="aw-inline-form">
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor="terugkoppeling-bron">
            {t('reports.feedbackScope')}
          </label>
          <select id="terugkoppeling-bron" className="utrecht-select" value={scope} onChange={(event) => setScope(event.target.value)}>
            <option value="">–</option>
            {programmes.length > 0 && (
              <optgroup label={t('reports.programmes')}>
                {programmes.map((programme) => (
                  <option key={programme.id} value={`programma:${programme.id}`}>
                    {programme.name}
                  </option>
                ))}
              </optgroup>
            )}
            {meetings.length > 0 && (
              <optgroup label={t('reports.meetings')}>
                {meetings.map((meeting) => (
                  <option key={meeting.id} value={`bijeenkomst:${meeting.id}`}>
                    {meeting.title} ({formatDateShort(meeting.date)})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <Button onClick={feedback} disabled={!scope || running}>
          {t('reports.feedbackExport')}
        </Button>
      </div>
      {job && <JobProgress job={job} label={t('reports.jobStarted')} onCancel={() => void cancel()} />}
    </FigureSection>
  );
}
