import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_IMPORT_BYTES } from '../../../../shared/api/meetings';
import { t } from '../../../../shared/i18n';
import { useApiMutation } from '../../data/queries';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Heading, Paragraph } from '../../ui/Heading';
import { fileToBase64 } from '../../ui/download';
import { fieldErrors } from '../meetings/controls';

interface Outcome {
  kind: 'ok' | 'error';
  message: string;
  rows: string[];
}

/** The beleidskalender as CSV or XLSX into the year's planning: every row or none, re-importing adds nothing. */
export function PlanningImport({ year }: { year: number }) {
  const fileInputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const parse = useApiMutation('planning.importParse');
  const store = useApiMutation('planning.import');
  const busy = parse.isPending || store.isPending;
  // Set before the first await: the second click of a double-click finds it and does nothing.
  const submitting = useRef(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting.current) return;
    if (!file) {
      setOutcome({ kind: 'error', message: t('councilOwn.importPlanningFile'), rows: [] });
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      setOutcome({ kind: 'error', message: t('import.tooLarge', { max: '10 MB' }), rows: [] });
      return;
    }
    submitting.current = true;
    try {
      const upload = await parse.run({ fileName: file.name, dataBase64: await fileToBase64(file) });
      if (!upload) return;
      const result = await store.run({ uploadId: upload.uploadId, year });
      if (!result) return;
      const skipped = result.skippedDuplicates > 0 ? t('councilOwn.importPlanningSkipped', { count: result.skippedDuplicates }) : '';
      const added = result.imported > 0 || skipped === '' ? t('councilOwn.importPlanningDone', { count: result.imported }) : t('councilOwn.importPlanningNothingNew');
      setOutcome({ kind: 'ok', message: [added, skipped].filter(Boolean).join(' '), rows: [] });
    } catch (caught) {
      const { message } = fieldErrors(caught);
      const issues = (caught as { issues?: { message: string }[] }).issues ?? [];
      setOutcome({ kind: 'error', message, rows: issues.map((issue) => issue.message) });
    } finally {
      submitting.current = false;
    }
  }

  return (
    <section className="aw-card" aria-labelledby="planning-importeren">
      <Heading level={2} id="planning-importeren">
        {t('councilOwn.importPlanning')}
      </Heading>
      <Paragraph className="aw-muted">{t('councilOwn.importPlanningIntro')}</Paragraph>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="utrecht-form-field">
          <label className="utrecht-form-label" htmlFor={fileInputId}>
            {t('councilOwn.importPlanningFile')}
          </label>
          <div>
            <input
              id={fileInputId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setOutcome(null);
              }}
            />
          </div>
        </div>
        <Button appearance="secondary" type="submit" disabled={busy} aria-busy={busy || undefined}>
          {t('councilOwn.importPlanningRun')}
        </Button>
      </form>
      {outcome && (
        <Alert kind={outcome.kind}>
          {outcome.message}
          {outcome.rows.length > 0 && (
            <ul>
              {outcome.rows.map((row) => (
                <li key={row}>{row}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </section>
  );
}
