import { z } from 'zod';
import { ADVICE_KINDS } from '../api/advices';
import { COMMITMENT_STATUSES, POSITIONS } from '../api/responses';

/**
 * The open data of a published site, one schema per file in `data/`. The JSON Schema in
 * docs/publication-open-data.schema.json is generated from these (a test keeps it equal), and the
 * mapping to OParl and Popolo terms is in docs/publication.md. URLs are relative to the site root
 * and stable: a record keeps its id (a UUID) and its address for as long as it is public.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const url = z.string().min(1);

export const openAdvice = z
  .object({
    id: z.string(),
    type: z.literal('advies'),
    url,
    dataUrl: url,
    pdfUrl: url.nullable().describe('The letter as sent, archived as PDF/A-2b (OParl File.accessUrl); null while it is not made yet'),
    kenmerk: z.string(),
    name: z.string().describe('Betreft: the subject of the advice (OParl Paper.name)'),
    kind: z.enum(ADVICE_KINDS),
    date: date.describe('Date of the letter (OParl Paper.date)'),
    sentOn: date,
    publishedOn: date,
    request: z
      .object({ receivedOn: date, from: z.string(), subject: z.string(), kenmerk: z.string(), deadline: date })
      .nullable(),
    signatories: z.array(z.object({ name: z.string(), role: z.string() })),
    recommendationIds: z.array(z.string()),
    commitmentIds: z.array(z.string()),
    responses: z.array(z.object({ id: z.string(), receivedOn: date, kenmerk: z.string(), summary: z.string() })),
  })
  .strict();

export const openRecommendation = z
  .object({ id: z.string(), type: z.literal('aanbeveling'), url, adviceId: z.string(), number: z.string(), text: z.string() })
  .strict();

export const openPosition = z
  .object({
    id: z.string().describe('The recommendation’s id: one position per recommendation'),
    type: z.literal('standpunt'),
    url,
    adviceId: z.string(),
    recommendationId: z.string(),
    position: z.enum(POSITIONS),
    collegeText: z.string(),
  })
  .strict();

export const openCommitment = z
  .object({
    id: z.string(),
    type: z.literal('toezegging'),
    url,
    adviceId: z.string(),
    recommendationIds: z.array(z.string()),
    description: z.string(),
    dueOn: date,
    status: z.enum(COMMITMENT_STATUSES),
  })
  .strict();

const collection = <T extends z.ZodType>(item: T) => z.object({ council: z.string(), items: z.array(item) }).strict();

export const OPEN_DATA_FILES = {
  'data/adviezen.json': collection(openAdvice),
  'data/aanbevelingen.json': collection(openRecommendation),
  'data/standpunten.json': collection(openPosition),
  'data/toezeggingen.json': collection(openCommitment),
} as const;

/** The JSON Schema of every open-data file, as published in docs/. */
export function openDataJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Advieswerk open data',
    description: 'Adviezen, aanbevelingen, standpunten en toezeggingen van een adviesraad, zoals gepubliceerd door Advieswerk.',
    files: Object.fromEntries(Object.entries(OPEN_DATA_FILES).map(([file, schema]) => [file, z.toJSONSchema(schema)])),
    advice: z.toJSONSchema(openAdvice),
  };
}
