import type { Role } from '../../../shared/api/accounts';
import type { MethodName } from '../../../shared/api/contract';
import { METHOD_ROLES } from '../../../shared/api/roles';
import { t } from '../../../shared/i18n';
import { mayCall, useRole } from '../data/roles';
import { Alert } from '../ui/Alert';

/** "de secretaris en de voorzitter": who may make the change, in the roles' Dutch names. */
function rolesInWords(roles: readonly Role[]): string {
  return new Intl.ListFormat('nl', { type: 'conjunction' }).format(roles.map((role) => t('accounts.roles_the', { role: t(`accounts.roles.${role}`) })));
}

/**
 * Says once, at the top of a screen, that the signed-in role may look but not change, and who may:
 * better than buttons that end in "Dit mag uw rol niet". Shows nothing where one of `writes` is allowed
 * (and so never on one computer).
 */
export function ReadOnlyNote({ writes }: { writes: readonly MethodName[] }) {
  const role = useRole();
  if (role === null || writes.length === 0 || writes.some((method) => mayCall(role, method))) return null;
  return (
    <div className="aw-read-only-note" data-testid="read-only-note">
      <Alert kind="info">{t('accountsUi.readOnly', { role: t(`accounts.roles.${role}`), who: rolesInWords(METHOD_ROLES[writes[0]!]) })}</Alert>
    </div>
  );
}
