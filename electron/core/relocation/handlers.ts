import { openSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { MOVE_PART_BYTES } from '../../../shared/api/relocation';
import { defineHandlers } from '../api/handler';
import { notFound } from '../api/errors';
import { exportsDirFor } from '../paths';
import { appendMoveUpload } from './uploads';

export const relocationHandlers = defineHandlers({
  'relocation.uploadPart': async ({ uploadId, offset, dataBase64 }, { info }) => appendMoveUpload(info.databasePath, uploadId, offset, Buffer.from(dataBase64, 'base64')),
  'relocation.packagePart': async ({ id, offset }, { jobs, info }) => {
    const job = jobs.get(id);
    const written = job.result?.path;
    // Only what a movePackage job wrote into this database's exports folder: never another path.
    if (job.kind !== 'movePackage' || job.state !== 'done' || typeof written !== 'string' || path.dirname(path.resolve(written)) !== path.resolve(exportsDirFor(info.databasePath)))
      throw notFound('jobs.resultFile');
    let size: number;
    try {
      size = statSync(written).size;
    } catch {
      throw notFound('jobs.resultFile');
    }
    const length = Math.max(0, Math.min(MOVE_PART_BYTES, size - offset));
    const part = Buffer.alloc(length);
    if (length > 0) {
      const fd = openSync(written, 'r');
      try {
        readSync(fd, part, 0, length, offset);
      } finally {
        closeSync(fd);
      }
    }
    return { fileName: path.basename(written), size, offset, bytesBase64: part.toString('base64') };
  },
});
