import { z } from 'zod';
import { method } from './define';
import { boundedText, id, LIMITS, noInput, optionalText, requiredText } from './fields';

export interface Wijk {
  id: string;
  name: string;
  code: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

const wijkFields = {
  name: requiredText(LIMITS.name),
  code: optionalText(LIMITS.short),
  description: optionalText(LIMITS.text),
};

export const wijkInput = z.object(wijkFields).strict();

export const wijkenContract = {
  'wijken.list': method<Wijk[]>()(noInput),
  'wijken.create': method<Wijk>()(wijkInput),
  'wijken.update': method<Wijk>()(
    z
      .object({
        id,
        name: wijkFields.name.optional(),
        code: boundedText(LIMITS.short).optional(),
        description: boundedText(LIMITS.text).optional(),
      })
      .strict(),
  ),
  'wijken.delete': method<{ id: string }>()(z.object({ id }).strict()),
};
