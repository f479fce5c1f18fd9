import { defineHandlers } from '../api/handler';

export const jobsHandlers = defineHandlers({
  'jobs.start': async (input, { jobs }) => jobs.start(input.kind, input.params as Record<string, unknown>),
  'jobs.get': async ({ id }, { jobs }) => jobs.get(id),
  'jobs.list': async (_input, { jobs }) => jobs.list(),
  'jobs.cancel': async ({ id }, { jobs }) => jobs.cancel(id),
});
