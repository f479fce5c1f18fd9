import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobKind, JobStatus } from '../../../shared/api/jobs';
import { t } from '../../../shared/i18n';
import { newId, nowIso } from '../ids';
import { cleanupAfterKill } from './kinds';
import type { JobWorkerData, RunnerMessage, SpareJobWorkerData, UploadTask, UploadWorkerData, UploadWorkerMessage, WorkerMessage } from './protocol';
import type { ImportUpload } from '../../../shared/api/meetings';
import { parseMemoryExceeded, parseTimeExceeded, UPLOAD_LIMITS } from '../findings/upload-limits';
import { notFound } from '../api/errors';
import { AppError } from '../../../shared/result';

export interface JobRunnerOptions {
  dbPath: string;
  /** On PostgreSQL: the database's URL, for the job's own pool (dbPath then anchors the local files only). */
  postgresUrl?: string;
  backupDir: string;
  nativeBinding?: string;
  /** Compiled worker script; defaults to worker.ts beside this file, loaded through tsx (worker-dev.mjs). */
  workerPath?: string;
  /** How long a cancelled job may take to stop by itself before its thread is ended. */
  cancelGraceMs?: number;
  /** The reading worker's time and heap limits; defaults in findings/upload-limits.ts (tests lower them). */
  uploadLimits?: { parseMs?: number; memoryMb?: number };
}

const FINISHED: JobStatus['state'][] = ['done', 'failed', 'cancelled'];

/**
 * The worker from source through tsx (~600 ms to start, always current). Which compiled worker to use
 * instead (~50 ms) is the caller's decision (Electron main, browser mode, tests): the core does not
 * look at builds or source timestamps.
 */
function sourceWorkerPath(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker-dev.mjs');
}

/**
 * Runs long work in worker threads with their own database connection, off the request path.
 * Progress is emitted as `job` events; `cancel` asks the job to stop and, after a grace period,
 * ends its thread. Jobs write through temporary files or one transaction, so ending them early
 * leaves nothing half-written.
 */
export class JobRunner {
  private readonly events = new EventEmitter();
  private readonly jobs = new Map<string, JobStatus>();
  private readonly workers = new Map<string, Worker>();
  private readonly terminating = new Set<string>();
  /** Jobs undoing their writes after a cancel or error: never ended mid-way, that would leave half of it. */
  private readonly undoing = new Set<string>();
  private idleReader: Worker | undefined;
  /** A job worker started ahead of its job (see prepareJobWorker), with what it does while it waits. */
  private spare: { worker: Worker; onError: () => void; onExit: () => void } | undefined;

  constructor(private readonly options: JobRunnerOptions) {}

  onEvent(listener: (status: JobStatus) => void): () => void {
    this.events.on('job', listener);
    return () => this.events.off('job', listener);
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  get(id: string): JobStatus {
    const job = this.jobs.get(id);
    if (!job) throw notFound('jobs.notFound');
    return { ...job };
  }

  start(kind: JobKind, params: Record<string, unknown>): JobStatus {
    const status: JobStatus = { id: newId(), kind, state: 'running', done: 0, total: 0, message: '', startedAt: nowIso() };
    this.jobs.set(status.id, status);
    const workerData: JobWorkerData = {
      kind,
      params,
      dbPath: this.options.dbPath,
      ...(this.options.postgresUrl ? { postgresUrl: this.options.postgresUrl } : {}),
      backupDir: this.options.backupDir,
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    };
    const spare = this.takeSpareJobWorker();
    const worker = spare ?? new Worker(this.options.workerPath ?? sourceWorkerPath(), { workerData, execArgv: [] });
    this.workers.set(status.id, worker);
    worker.on('message', (message: WorkerMessage) => this.onWorkerMessage(status.id, message));
    worker.on('error', (error) => this.finish(status.id, 'failed', t('jobs.failed', { message: error.message })));
    worker.on('exit', () => {
      this.workers.delete(status.id);
      // A thread that died without a word; a cancelled one is finished by cancel() after its cleanup.
      const job = this.jobs.get(status.id);
      if (job && !FINISHED.includes(job.state) && !this.terminating.has(status.id)) {
        this.finish(status.id, 'failed', t('errors.internal'));
      }
    });
    // A spare gets its job only now that the runner listens to what it says.
    spare?.postMessage({ type: 'run', job: workerData } satisfies RunnerMessage);
    this.emit(status);
    return { ...status };
  }

  /**
   * Starts a job worker ahead of its job, so that job does not wait for a thread to start and load
   * the job kinds' code (compiled: 0.1–0.4 s, more on a busy machine). Done when an upload has been
   * read (not for a refused one): an import is then the likely next step, after the check and
   * whatever time the user takes. At most one; it keeps no database connection open and never keeps
   * the process alive; it runs the next job of any kind, and only that one.
   */
  private prepareJobWorker(): void {
    if (this.spare) return;
    const workerData: SpareJobWorkerData = { task: 'awaitJob' };
    const worker = new Worker(this.options.workerPath ?? sourceWorkerPath(), { workerData, execArgv: [] });
    worker.unref();
    // A spare that fails before it has a job is simply not used.
    const onError = () => undefined;
    const onExit = () => {
      if (this.spare?.worker === worker) this.spare = undefined;
    };
    worker.on('error', onError);
    worker.on('exit', onExit);
    this.spare = { worker, onError, onExit };
  }

  private takeSpareJobWorker(): Worker | undefined {
    const spare = this.spare;
    if (!spare) return undefined;
    this.spare = undefined;
    spare.worker.off('error', spare.onError);
    spare.worker.off('exit', spare.onExit);
    // A job's thread keeps the process alive until the job ends, as one started for it does.
    spare.worker.ref();
    return spare.worker;
  }

  /**
   * Reads an uploaded CSV/XLSX in a worker thread, never on the thread that answers requests, under
   * a heap limit and a time limit (findings/upload-limits.ts); the worker saves the parsed table and
   * only its summary comes back. Over a limit: a Dutch VALIDATION error. One reading worker is kept
   * idle between uploads (starting one costs ~50 ms compiled, far more through tsx); one that hit a
   * limit is ended, and uploads read at the same time each get their own.
   */
  parseUpload(fileName: string, dataBase64: string): Promise<ImportUpload> {
    const { parseMs = UPLOAD_LIMITS.parseMs, memoryMb = UPLOAD_LIMITS.memoryMb } = this.options.uploadLimits ?? {};
    const worker = this.idleReader ?? this.startReader(memoryMb);
    this.idleReader = undefined;
    return new Promise<ImportUpload>((resolve, reject) => {
      const settle = (outcome: () => void, keepWorker: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keepWorker && !this.idleReader) this.idleReader = worker;
        else void worker.terminate();
        outcome();
      };
      const onMessage = (message: UploadWorkerMessage) => {
        // A file that was read is most likely imported next: its job's worker can start now.
        if (message.type === 'parsed') this.prepareJobWorker();
        settle(() => (message.type === 'parsed' ? resolve(message.upload) : reject(new AppError(message.code, message.message, message.issues))), true);
      };
      const onError = (error: Error & { code?: string }) =>
        settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? parseMemoryExceeded(memoryMb) : new AppError('INTERNAL', t('errors.internal'))), false);
      const onExit = () => settle(() => reject(new AppError('INTERNAL', t('errors.internal'))), false);
      const timer = setTimeout(() => settle(() => reject(parseTimeExceeded(parseMs)), false), parseMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ fileName, dataBase64 } satisfies UploadTask);
    });
  }

  private startReader(memoryMb: number): Worker {
    const workerData: UploadWorkerData = { task: 'readUploads', dbPath: this.options.dbPath };
    const worker = new Worker(this.options.workerPath ?? sourceWorkerPath(), {
      workerData,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(32, memoryMb) },
    });
    // An idle reader never keeps the process alive; one that dies is simply not reused.
    worker.unref();
    worker.on('exit', () => {
      if (this.idleReader === worker) this.idleReader = undefined;
    });
    return worker;
  }

  cancel(id: string): JobStatus {
    const job = this.get(id);
    const worker = this.workers.get(id);
    if (FINISHED.includes(job.state) || !worker) return job;
    worker.postMessage({ type: 'cancel' } satisfies RunnerMessage);
    const timer = setTimeout(() => {
      if (FINISHED.includes(this.get(id).state) || this.undoing.has(id)) return;
      // The job did not stop by itself: end its thread, then remove what it left, then say so.
      this.terminating.add(id);
      void worker.terminate().then(() => {
        this.terminating.delete(id);
        cleanupAfterKill[job.kind]?.({ backupDir: this.options.backupDir });
        this.finish(id, 'cancelled', t('jobs.cancelled'));
      });
    }, this.options.cancelGraceMs ?? 2000);
    timer.unref();
    return job;
  }

  /** Resolves when the job has finished, with its final status. */
  wait(id: string): Promise<JobStatus> {
    const current = this.get(id);
    if (FINISHED.includes(current.state)) return Promise.resolve(current);
    return new Promise((resolve) => {
      const off = this.onEvent((status) => {
        if (status.id === id && FINISHED.includes(status.state)) {
          off();
          resolve(status);
        }
      });
    });
  }

  /** Resolves when every job that is queued or running now has finished, or after `timeoutMs` (graceful shutdown). */
  async finishRunning(timeoutMs: number): Promise<void> {
    const running = this.list().filter((job) => !FINISHED.includes(job.state));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.all(running.map((job) => this.wait(job.id))), timeout]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    const reader = this.idleReader;
    this.idleReader = undefined;
    const spare = this.takeSpareJobWorker();
    await Promise.all([...this.workers.values(), ...(reader ? [reader] : []), ...(spare ? [spare] : [])].map((worker) => worker.terminate()));
  }

  private onWorkerMessage(id: string, message: WorkerMessage): void {
    const job = this.jobs.get(id);
    if (!job || FINISHED.includes(job.state)) return;
    switch (message.type) {
      case 'progress': {
        job.done = message.done;
        job.total = message.total;
        const percent = message.total > 0 ? Math.floor((message.done / message.total) * 100) : 0;
        job.message = message.message ?? t('jobs.running', { percent });
        this.emit(job);
        break;
      }
      case 'undoing':
        this.undoing.add(id);
        job.message = message.message;
        this.emit(job);
        break;
      case 'done':
        job.result = message.result;
        job.done = job.total;
        this.finish(id, 'done', t('jobs.done'));
        break;
      case 'cancelled':
        this.finish(id, 'cancelled', t('jobs.cancelled'));
        break;
      case 'failed':
        if (message.code) job.error = { code: message.code, ...(message.reason ? { reason: message.reason } : {}) };
        this.finish(id, 'failed', t('jobs.failed', { message: message.message }));
        break;
    }
  }

  private finish(id: string, state: JobStatus['state'], message: string): void {
    const job = this.jobs.get(id);
    if (!job || FINISHED.includes(job.state)) return;
    this.undoing.delete(id);
    job.state = state;
    job.message = message;
    job.endedAt = nowIso();
    this.emit(job);
  }

  private emit(job: JobStatus): void {
    this.events.emit('job', { ...job });
  }
}
