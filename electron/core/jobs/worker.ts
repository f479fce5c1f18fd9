import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/result';
import { t } from '../../../shared/i18n';
import type { JobWorkerData, RunnerMessage, SpareJobWorkerData, UploadTask, UploadWorkerData, UploadWorkerMessage, WorkerMessage } from './protocol';
import { isCancellation } from './job';

const data = workerData as JobWorkerData | UploadWorkerData | SpareJobWorkerData;
const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

function send(message: WorkerMessage | UploadWorkerMessage): void {
  port!.postMessage(message);
}

/** Reads uploads off the request thread; each parsed table goes to disk here, only its summary back. */
async function readUpload(dbPath: string, task: UploadTask): Promise<void> {
  try {
    // Loaded on demand: a reading worker starts without the job kinds' libraries (docx, SQLite).
    const { describeUpload, parseUpload, saveUpload } = await import('../findings/transfer');
    const table = await parseUpload(task.fileName, Buffer.from(task.dataBase64, 'base64'));
    send({ type: 'parsed', upload: describeUpload(saveUpload(dbPath, table), table) });
  } catch (error) {
    if (error instanceof AppError) send({ type: 'refused', code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) });
    else send({ type: 'refused', code: 'VALIDATION', message: t('import.unreadable') });
  }
}

async function runJob(job: JobWorkerData): Promise<void> {
  const { jobKinds, openJobStore } = await import('./kinds');
  const controller = new AbortController();
  port!.on('message', (message: RunnerMessage) => {
    if (message.type === 'cancel') controller.abort();
  });
  let store: Awaited<ReturnType<typeof openJobStore>> | undefined;
  try {
    store = await openJobStore(job);
    const result = await jobKinds[job.kind]({
      db: store.db,
      sqlite: store.sqlite,
      dbPath: job.dbPath,
      ...(job.postgresUrl ? { postgresUrl: job.postgresUrl } : {}),
      backupDir: job.backupDir,
      params: job.params,
      signal: controller.signal,
      report: (done, total, message) => send({ type: 'progress', done, total, ...(message ? { message } : {}) }),
      undoing: (message) => send({ type: 'undoing', message }),
    });
    send({ type: 'done', result });
  } catch (error) {
    if (isCancellation(error)) send({ type: 'cancelled' });
    else if (error instanceof AppError) {
      const reason = (error as { reason?: unknown }).reason;
      send({ type: 'failed', message: error.message, code: error.code, ...(typeof reason === 'string' ? { reason } : {}) });
    } else send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    await store?.close();
    port!.close();
  }
}

// A reading worker stays for the next upload (the runner keeps one idle); a job worker runs one job,
// given at its start or, for a spare one, posted once its code is loaded.
if (!('task' in data)) await runJob(data);
else if (data.task === 'readUploads') port.on('message', (task: UploadTask) => void readUpload(data.dbPath, task));
else {
  // Loads (and initialises) the job kinds' code while waiting: that is what a spare is for.
  const kinds = import('./kinds');
  const onRun = (message: RunnerMessage) => {
    if (message.type !== 'run') return;
    port.off('message', onRun);
    void kinds.then(() => runJob(message.job));
  };
  port.on('message', onRun);
}
