import { parentPort, workerData } from 'node:worker_threads';
import { isCancellation } from './job';
import { jobKinds, openJobConnection } from './kinds';
import type { JobWorkerData, RunnerMessage, WorkerMessage } from './protocol';

const data = workerData as JobWorkerData;
const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

const controller = new AbortController();
port.on('message', (message: RunnerMessage) => {
  if (message.type === 'cancel') controller.abort();
});

function send(message: WorkerMessage): void {
  port!.postMessage(message);
}

const sqlite = openJobConnection(data.dbPath, data.nativeBinding);
try {
  const result = await jobKinds[data.kind]({
    sqlite,
    dbPath: data.dbPath,
    backupDir: data.backupDir,
    params: data.params,
    signal: controller.signal,
    report: (done, total, message) => send({ type: 'progress', done, total, ...(message ? { message } : {}) }),
    undoing: (message) => send({ type: 'undoing', message }),
  });
  send({ type: 'done', result });
} catch (error) {
  if (isCancellation(error)) send({ type: 'cancelled' });
  else send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
} finally {
  sqlite.close();
  port.close();
}
