import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput } from '../../../shared/api/contract';
import type { JobStatus } from '../../../shared/api/jobs';
import { apiFetch, apiWrite, queryClient, subscribeToJobEvents } from '../data/queries';

/**
 * Starts a long-running job and follows its progress events: the one way every screen shows a
 * progress bar with a cancel button.
 */
export function useJob() {
  const [job, setJob] = useState<JobStatus | null>(null);

  // Subscribed per job, not per status: a progress event must not resubscribe.
  const jobId = job?.id;
  const finished = job !== null && !['running', 'queued'].includes(job.state);
  useEffect(() => {
    if (!jobId) return;
    return subscribeToJobEvents((status) => {
      if (status.id === jobId) setJob(status);
    });
  }, [jobId]);

  // Events sent before the event stream was connected are lost (a short job can finish first),
  // so while the job runs its status is also fetched now and then.
  useEffect(() => {
    if (!jobId || finished) return;
    const timer = setInterval(() => {
      apiFetch('jobs.get', { id: jobId }).then(
        (value) => setJob((current) => (current?.id === jobId && ['running', 'queued'].includes(current.state) ? value : current)),
        () => undefined,
      );
    }, 1000);
    return () => clearInterval(timer);
  }, [jobId, finished]);

  // A finished job may have changed anything (an import, a restore): what is on screen is read again.
  const done = job?.state === 'done';
  useEffect(() => {
    if (jobId && done) void queryClient.invalidateQueries();
  }, [jobId, done]);

  // A double click, or a second click before the first start is answered, starts nothing more: the
  // button only turns disabled once a render has happened, and `jobs.start` makes a job per call.
  const starting = useRef(false);
  const [startPending, setStartPending] = useState(false);
  const start = useCallback(async (request: MethodInput<'jobs.start'>): Promise<void> => {
    if (starting.current) return;
    starting.current = true;
    setStartPending(true);
    try {
      setJob(await apiWrite('jobs.start', request));
    } finally {
      starting.current = false;
      setStartPending(false);
    }
  }, []);

  const cancel = useCallback(async () => {
    if (job) setJob(await apiWrite('jobs.cancel', { id: job.id }));
  }, [job]);

  const running = startPending || job?.state === 'running' || job?.state === 'queued';
  return { job, running, start, cancel };
}
