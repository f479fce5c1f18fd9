import { useState } from 'react';
import {
  FINDING_SOURCES,
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  type FindingSource,
  type ImportCheck,
  type ImportField,
  type ImportMapping,
  type ImportUpload,
} from '../../../../shared/api/meetings';
import { todayInNetherlands } from '../../../../shared/calendar';
import { formatDateShort, t, type MessageKey } from '../../../../shared/i18n';
import { apiFetch, NO_ROWS, useApiQuery } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { fileToBase64 } from '../../ui/download';
import { Heading, Paragraph } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';
import { fieldErrors, SelectField, sourceLabel } from '../meetings/controls';
import { ScrollRegion } from '../../ui/ScrollRegion';

/** The mapping with `field` read from the column at `index` ('' = from no column). */
function withColumn(mapping: ImportMapping, field: ImportField, index: string): ImportMapping {
  const next = { ...mapping };
  if (index === '') delete next[field];
  else next[field] = Number(index);
  return next;
}

/** A table of the check's outcome (the preview, the report of problems): a caption, headers and rows of text. */
function ResultTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: { key: string; cells: (string | number)[] }[] }) {
  return (
    <ScrollRegion label={caption}>
      <table className="utrecht-table aw-table">
        <caption className="utrecht-table__caption">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {headers.map((header) => (
              <th key={header} scope="col" className="utrecht-table__header-cell">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="utrecht-table__row">
              {row.cells.map((cell, index) => (
                <td key={index} className="utrecht-table__cell">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** Import from CSV/XLSX: read, map columns, check every row, then confirm (one transaction, as a job). */
export function ImportSection() {
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [meetingId, setMeetingId] = useState('');
  const [source, setSource] = useState<FindingSource>('plenair');
  const meetings = useApiQuery('meetings.list', {}).data ?? NO_ROWS;
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { job, running, start, cancel } = useJob();

  const read = async (file: File) => {
    setError(null);
    setUpload(null);
    setCheck(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setError(t('import.tooLarge', { max: '10 MB' }));
      return;
    }
    setBusy(true);
    try {
      const parsed = await apiFetch('findings.importParse', { fileName: file.name, dataBase64: await fileToBase64(file) });
      setUpload(parsed);
      setMapping(parsed.suggestedMapping);
    } catch (caught) {
      setError(fieldErrors(caught).message);
    } finally {
      setBusy(false);
    }
  };

  /** A choice that changes what the import does: the check made before no longer holds. */
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setCheck(null);
    };

  const params = () => ({
    uploadId: upload!.uploadId,
    mapping,
    defaults: { meetingId: meetingId || null, source, date: todayInNetherlands() },
  });
  const runCheck = async () => {
    try {
      setCheck(await apiFetch('findings.importCheck', params()));
      setError(null);
    } catch (caught) {
      setError(fieldErrors(caught).message);
    }
  };

  return (
    <section className="aw-card" aria-labelledby="import-titel">
      <Heading level={2} id="import-titel">
        {t('import.title')}
      </Heading>
      <Paragraph className="aw-muted">{t('import.intro')}</Paragraph>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="import-bestand">
          {t('import.file')}
        </label>
        <div>
          <input
            id="import-bestand"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void read(file);
            }}
          />
        </div>
      </div>
      {busy && <Paragraph role="status">{t('import.reading')}</Paragraph>}
      {error && <Alert kind="error">{error}</Alert>}
      {upload && (
        <>
          <Heading level={3}>{t('import.mapping')}</Heading>
          <Paragraph>
            {t('import.fileSummary', { file: upload.fileName, count: upload.rowCount })} {t('import.mappingIntro')}
          </Paragraph>
          <div className="aw-filters">
            {IMPORT_FIELDS.map((field: ImportField) => (
              <SelectField
                key={field}
                label={t(`import.field_${field}` as MessageKey)}
                value={mapping[field] === undefined ? '' : String(mapping[field])}
                onChange={(event) => changed(setMapping)(withColumn(mapping, field, event.target.value))}
              >
                <option value="">{t('import.notMapped')}</option>
                {upload.columns.map((column, index) => (
                  <option key={index} value={index}>
                    {column}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
          <Heading level={3}>{t('import.defaults')}</Heading>
          <div className="aw-filters">
            <SelectField label={t('import.defaultMeeting')} value={meetingId} onChange={(event) => changed(setMeetingId)(event.target.value)}>
              <option value="">{t('findings.noMeeting')}</option>
              {meetings.map((meeting) => (
                <option key={meeting.id} value={meeting.id}>
                  {meeting.title} ({formatDateShort(meeting.date)})
                </option>
              ))}
            </SelectField>
            <SelectField label={t('import.defaultSource')} value={source} onChange={(event) => changed(setSource)(event.target.value as FindingSource)}>
              {FINDING_SOURCES.map((option) => (
                <option key={option} value={option}>
                  {sourceLabel(option)}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="aw-button-row">
            <Button onClick={() => void runCheck()}>{t('import.check')}</Button>
          </div>
        </>
      )}
      {check && (
        <>
          <Alert kind={check.issueCount === 0 ? 'ok' : 'info'}>
            {t('import.summary', { valid: check.validCount, total: check.rowCount, invalid: check.invalidRowCount })}
          </Alert>
          {check.preview.length > 0 && (
            <ResultTable
              caption={t('import.preview')}
              headers={[t('import.row'), t('import.field_text'), t('import.field_theme'), t('import.field_source'), t('import.field_date')]}
              rows={check.preview.map((row) => ({ key: String(row.row), cells: [row.row, row.text, row.theme, sourceLabel(row.source), formatDateShort(row.date)] }))}
            />
          )}
          {check.issues.length > 0 && (
            <ResultTable
              caption={t('import.report')}
              headers={[t('import.row'), t('import.fieldColumn'), t('import.problem')]}
              rows={check.issues.map((issue, index) => ({ key: String(index), cells: [issue.row, issue.field, issue.message] }))}
            />
          )}
          {check.issueCount > check.issues.length && <Paragraph>{t('import.moreIssues', { count: check.issueCount - check.issues.length })}</Paragraph>}
          {check.validCount > 0 && !job && (
            <div className="aw-button-row">
              <Button appearance="primary" onClick={() => void start({ kind: 'findingsImport', params: params() })} disabled={running}>
                {t('import.confirm', { count: check.validCount })}
              </Button>
              {check.issueCount > 0 && <span>{t('import.confirmHint')}</span>}
            </div>
          )}
        </>
      )}
      {job && <JobProgress job={job} label={t('import.started')} onCancel={() => void cancel()} />}
    </section>
  );
}
