import { t, type MessageKey } from '../../../shared/i18n';
import { AppError } from '../../../shared/result';

/** "<what> bestaat niet (meer)": the one NOT_FOUND every domain throws. `what` names the thing in Dutch. */
export function notFound(what: MessageKey): AppError {
  return new AppError('NOT_FOUND', t('errors.notFound', { what: t(what) }));
}
