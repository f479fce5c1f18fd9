import { defineHandlers } from '../api/handler';

export const systemHandlers = defineHandlers({
  'system.info': async (_input, { info }) => ({ ...info }),
});
