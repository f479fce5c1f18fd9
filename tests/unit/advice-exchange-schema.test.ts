import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { adviceExchangeFile } from '../../shared/api/advice-exchange';

const SCHEMA_PATH = 'docs/schemas/advice-exchange.schema.json';

function generated(): string {
  const schema = z.toJSONSchema(adviceExchangeFile, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://advieswerk.nl/schemas/advice-exchange.schema.json', title: 'Advieswerk: uitwisselbestand van één advies (versie 1)' }, null, 2)}\n`;
}

describe('advice exchange JSON Schema', () => {
  it('in docs matches the schema the import validates with', () => {
    // UPDATE_SCHEMAS=1 rewrites the documented schema after a deliberate change of the format.
    if (process.env.UPDATE_SCHEMAS === '1') writeFileSync(SCHEMA_PATH, generated());
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(generated());
  });
});
