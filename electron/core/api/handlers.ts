import { backupsHandlers } from '../backups/handlers';
import { reliabilityHandlers } from '../reliability/handlers';
import { councilHandlers } from '../council/handlers';
import { jobsHandlers } from '../jobs/handlers';
import { systemHandlers } from '../system/handlers';
import { wijkenHandlers } from '../wijken/handlers';
import { combineHandlers, type Handlers } from './handler';

/** Every domain's handlers; a contract method missing here fails to compile. */
export const handlers: Handlers = combineHandlers(systemHandlers, councilHandlers, wijkenHandlers, jobsHandlers, backupsHandlers, reliabilityHandlers);
