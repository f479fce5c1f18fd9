import { accountsHandlers } from '../accounts/handlers';
import { backupsHandlers } from '../backups/handlers';
import { reliabilityHandlers } from '../reliability/handlers';
import { advicesHandlers } from '../advices/handlers';
import { councilHandlers } from '../council/handlers';
import { councilOwnHandlers } from '../councilOwn/handlers';
import { exchangeHandlers } from '../exchange/handlers';
import { findingsHandlers } from '../findings/handlers';
import { meetingsHandlers } from '../meetings/handlers';
import { presenceHandlers } from '../presence/handlers';
import { publicationHandlers } from '../publication/handlers';
import { relocationHandlers } from '../relocation/handlers';
import { responsesHandlers } from '../responses/handlers';
import { signalsHandlers } from '../signals/handlers';
import { startHandlers } from '../start/handlers';
import { jobsHandlers } from '../jobs/handlers';
import { monitoringHandlers } from '../monitoring/handlers';
import { systemHandlers } from '../system/handlers';
import { wijkenHandlers } from '../wijken/handlers';
import { combineHandlers, type Handlers } from './handler';

/** Every domain's handlers; a contract method missing here fails to compile. */
export const handlers: Handlers = combineHandlers(
  systemHandlers,
  councilHandlers,
  wijkenHandlers,
  jobsHandlers,
  meetingsHandlers,
  findingsHandlers,
  signalsHandlers,
  monitoringHandlers,
  exchangeHandlers,
  advicesHandlers,
  responsesHandlers,
  backupsHandlers,
  reliabilityHandlers,
  councilOwnHandlers,
  startHandlers,
  publicationHandlers,
  accountsHandlers,
  presenceHandlers,
  relocationHandlers,
);
