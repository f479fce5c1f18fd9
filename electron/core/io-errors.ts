import { t } from '../../shared/i18n';

/** Node's and SQLite's error codes for what went wrong with a file, in words for the user. */
const IO_ERROR_KEYS = {
  ENOENT: 'ioErrors.notFound',
  EACCES: 'ioErrors.noPermission',
  EPERM: 'ioErrors.noPermission',
  ENOSPC: 'ioErrors.diskFull',
  EDQUOT: 'ioErrors.diskFull',
  SQLITE_FULL: 'ioErrors.diskFull',
  EISDIR: 'ioErrors.isFolder',
  ENOTDIR: 'ioErrors.notFolder',
  EROFS: 'ioErrors.readOnly',
  SQLITE_READONLY: 'ioErrors.readOnly',
  EEXIST: 'ioErrors.exists',
  EBUSY: 'ioErrors.busy',
  ENAMETOOLONG: 'ioErrors.nameTooLong',
  // A NUL byte or other junk in a path: Node refuses it before the file system sees it.
  ERR_INVALID_ARG_VALUE: 'ioErrors.invalidName',
  ERR_INVALID_ARG_TYPE: 'ioErrors.invalidName',
  SQLITE_CANTOPEN: 'ioErrors.cannotOpen',
} as const;

/**
 * The details of a failed read or write, in Dutch, for `errors.io`: Node's own message ("The
 * argument 'path' must be a string … without null bytes") is English and names internals.
 */
export function describeIoError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (Object.hasOwn(IO_ERROR_KEYS, code)) return t(IO_ERROR_KEYS[code as keyof typeof IO_ERROR_KEYS]);
    if (code.startsWith('SQLITE_IOERR')) return t('ioErrors.diskFailed');
    return t('ioErrors.other', { code });
  }
  return t('ioErrors.other', { code: '?' });
}
