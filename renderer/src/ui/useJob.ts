import { useCallback, useEffect, useState } from 'react';
import type { MethodInput } from '../../../shared/api/contract';
import type { JobStatus } from '../../../shared/api/jobs';
import { api } from '../api';

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
    return api.onJobEvent((status) => {
      if (status.id === jobId) setJob(status);
    });
  }, [jobId]);

  // Events sent before the event stream was connected are lost (a short job can finish first),
  // so while the job runs its status is also fetched now and then.
  useEffect(() => {
    if (!jobId || finished) return;
    const timer = setInterval(() => {
      void api.request('jobs.get', { id: jobId }).then((result) => {
        if (result.ok) setJob((current) => (current?.id === jobId && ['running', 'queued'].includes(current.state) ? result.value : current));
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [jobId, finished]);

  const start = useCallback(async (request: MethodInput<'jobs.start'>) => {
    const started = await api.call('jobs.start', request);
    setJob(started);
    return started;
  }, []);

  const cancel = useCallback(async () => {
    if (job) setJob(await api.call('jobs.cancel', { id: job.id }));
  }, [job]);

  const running = job?.state === 'running' || job?.state === 'queued';
  return { job, running, start, cancel };
}
