import { defineHandlers } from '../api/handler';
import { updateAccountName } from '../accounts/repository';
import { getCouncil, getCurrentUser, saveCouncil, setCurrentUser } from './repository';

export const councilHandlers = defineHandlers({
  'council.get': async (_input, { db }) => getCouncil(db),
  'council.update': async (input, { db, session }) => {
    await saveCouncil(db, input, session.userName);
    return getCouncil(db);
  },
  // On the council server the user is the signed-in account: its name is the account's.
  'user.get': async (_input, { db, session, caller }) => (caller ? { name: caller.name, confirmed: true } : getCurrentUser(db, session.osUserName)),
  'user.update': async (input, { db, session, caller }) => {
    if (caller) {
      await updateAccountName(db, caller.accountId, input.name);
      return { name: input.name, confirmed: true };
    }
    await setCurrentUser(db, input.name);
    session.userName = input.name;
    return getCurrentUser(db, session.osUserName);
  },
});
