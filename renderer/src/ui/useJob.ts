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
  useEffect(() => {
    if (!jobId) return;
    return api.onJobEvent((status) => {
      if (status.id === jobId) setJob(status);
    });
  }, [jobId]);

  const start = useCallback(async (request: MethodInput<'jobs.start'>) => {
    const started = await api.call('jobs.start', request);
    setJob(started);
    // Events may have gone by before the subscription; catch up once.
    setJob(await api.call('jobs.get', { id: started.id }));
    return started;
  }, []);

  const cancel = useCallback(async () => {
    if (job) setJob(await api.call('jobs.cancel', { id: job.id }));
  }, [job]);

  const running = job?.state === 'running' || job?.state === 'queued';
  return { job, running, start, cancel };
}
