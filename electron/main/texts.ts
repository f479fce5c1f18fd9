import { nl } from '../../shared/i18n/nl';

export { interpolate as fill } from '../../shared/i18n';

/** The shell's menus and dialogs, from the one message catalogue. */
export const texts = nl.shell;
