import { type Role, signToken } from '@zone-risk/auth';

/**
 * An `authorization` header carrying a token for `sub` with `roles` (and a display name), signed
 * with the dev secret every service accepts outside production.
 */
export async function bearer(
  roles: readonly Role[],
  sub: string,
  name?: string,
): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await signToken({ sub, roles, ...(name ? { name } : {}) })}` };
}
