import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exchangeFile } from '../../shared/api/exchange';

describe('exchange format documentation', () => {
  it('docs/exchange-format.schema.json is the schema of the zod definition', () => {
    const documented = JSON.parse(readFileSync(new URL('../../docs/exchange-format.schema.json', import.meta.url), 'utf8'));
    expect(documented).toEqual(z.toJSONSchema(exchangeFile, { io: 'input' }));
  });
});
