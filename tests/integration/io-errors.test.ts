import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExportFile } from '../../electron/core/files';
import { describeIoError } from '../../electron/core/io-errors';
import { AppError } from '../../shared/result';
import { makeTempDir } from '../helpers/core';

const dir = makeTempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error Node really throws for this file operation. */
function failureOf(operation: () => unknown): unknown {
  try {
    operation();
  } catch (error) {
    return error;
  }
  throw new Error('the operation did not fail');
}

const ENGLISH = /\b(argument|must be|without null bytes|no such file|directory|permission denied|Error)\b/i;

describe('file errors reach the user in Dutch', () => {
  it.each([
    ['a NUL byte in a file name', () => writeFileSync(path.join(dir, 'brief\u0000.docx'), 'x'), /tekens die niet in een bestandsnaam mogen/],
    ['a file that does not exist', () => readFileSync(path.join(dir, 'bestaat-niet.docx')), /bestaat niet/],
    ['a folder where a file belongs', () => writeFileSync(dir, 'x'), /map, geen bestand/],
    ['a file where a folder belongs', () => {
      writeFileSync(path.join(dir, 'gewoon-bestand'), 'x');
      mkdirSync(path.join(dir, 'gewoon-bestand', 'sub'));
    }, /geen map/],
  ])('%s', (_label, operation, expected) => {
    const details = describeIoError(failureOf(operation));

    expect(details).toMatch(expected);
    expect(details).not.toMatch(ENGLISH);
  });

  it('an export beside a database whose folder has a NUL byte is an IO error with a Dutch message, not an internal error', () => {
    // The core chooses the export's place (exports/ beside the database); a bad place still reads in Dutch.
    const error = failureOf(() => writeExportFile(Buffer.from('x'), 'brief.docx', path.join(dir, 'map\u0000', 'advieswerk.sqlite')));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('IO');
    expect((error as AppError).message).toBe('Het bestand kon niet worden gelezen of geschreven: de naam van het bestand bevat tekens die niet in een bestandsnaam mogen.');
  });
});
