import { defineHandlers } from '../api/handler';
import { getCouncil, getCurrentUser, saveCouncil, setCurrentUser } from './repository';

export const councilHandlers = defineHandlers({
  'council.get': async (_input, { db }) => getCouncil(db),
  'council.update': async (input, { db, session }) => {
    await saveCouncil(db, input, session.userName);
    return getCouncil(db);
  },
  'user.get': async (_input, { db, session }) => getCurrentUser(db, session.osUserName),
  'user.update': async (input, { db, session }) => {
    await setCurrentUser(db, input.name);
    session.userName = input.name;
    return getCurrentUser(db, session.osUserName);
  },
});
