import { t } from '../../../../shared/i18n';
import { useApiQuery } from '../../data/queries';
import { Button } from '../../ui/Button';
import { Heading } from '../../ui/Heading';
import { JobProgress } from '../../ui/JobProgress';
import { useJob } from '../../ui/useJob';

/** What each way of serving the core is called on screen. */
const MODE_TEXT = { electron: 'system.modeElectron', browser: 'system.modeBrowser', server: 'system.modeServer', cli: 'system.modeCli' } as const;

export function SystemSection() {
  const info = useApiQuery('system.info').data;
  const backup = useJob();

  const backupPath = backup.job?.state === 'done' ? String(backup.job.result?.path ?? '') : '';
  return (
    <section className="aw-card" aria-labelledby="systeem-titel">
      <Heading level={2} id="systeem-titel">
        {t('system.title')}
      </Heading>
      {info && (
        <dl>
          <dt>{t('system.database')}</dt>
          <dd>
            <code>{info.databasePath}</code>
          </dd>
          <dt>{t('system.version')}</dt>
          <dd>{info.version}</dd>
          <dt>{t('system.schema')}</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>{t('system.mode')}</dt>
          <dd>{t(MODE_TEXT[info.mode])}</dd>
        </dl>
      )}
      <div className="aw-button-row">
        <Button onClick={() => void backup.start({ kind: 'backup' })} disabled={backup.running}>
          {t('system.backupNow')}
        </Button>
      </div>
      {backup.job && <JobProgress job={backup.job} label={t('system.backupNow')} onCancel={() => void backup.cancel()} />}
      {backupPath && <p>{t('system.backupMade', { path: backupPath })}</p>}
    </section>
  );
}
