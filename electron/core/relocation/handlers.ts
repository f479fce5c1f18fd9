import { openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import { MOVE_PART_BYTES } from '../../../shared/api/relocation';
import { defineHandlers } from '../api/handler';
import { notFound } from '../api/errors';
import { writtenResultFile } from '../jobs/result-file';
import { appendMoveUpload } from './uploads';

export const relocationHandlers = defineHandlers({
  'relocation.uploadPart': async ({ uploadId, offset, dataBase64 }, { info }) => appendMoveUpload(info.databasePath, uploadId, offset, Buffer.from(dataBase64, 'base64')),
  'relocation.packagePart': async ({ id, offset }, { jobs, info }) => {
    const job = jobs.get(id);
    // Only a move package this database's movePackage job wrote into its exports folder.
    if (job.kind !== 'movePackage') throw notFound('jobs.resultFile');
    const { path: written, size } = writtenResultFile(job, info.databasePath);
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
