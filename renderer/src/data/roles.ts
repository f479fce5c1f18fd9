import type { Role } from '../../../shared/api/accounts';
import type { MethodName } from '../../../shared/api/contract';
import type { JobKind } from '../../../shared/api/jobs';
import { JOB_KIND_ROLES, roleMayCall } from '../../../shared/api/roles';
import { useSession } from '../app/AuthGate';

/**
 * What the signed-in member's role allows, read from the same matrix the server enforces
 * (shared/api/roles.ts). The screens use it to offer only what will be accepted: a lid sees no
 * "Nieuw advies" that would end in "Dat mag uw rol niet". The server still refuses whatever the
 * screen offers by mistake. On one computer (no account) everything is allowed.
 */
export function mayCall(role: Role | null, method: MethodName): boolean {
  return role === null || roleMayCall(role, method);
}

export function mayStartJob(role: Role | null, kind: JobKind): boolean {
  return role === null || (JOB_KIND_ROLES[kind] as readonly Role[]).includes(role);
}

/** The signed-in role, or null on one computer. */
export function useRole(): Role | null {
  return useSession().account?.role ?? null;
}

export function useMayCall(method: MethodName): boolean {
  return mayCall(useRole(), method);
}

export function useMayStartJob(kind: JobKind): boolean {
  return mayStartJob(useRole(), kind);
}
