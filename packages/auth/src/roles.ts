import { z } from 'zod';

/** Every role the platform knows. Tokens may carry several. */
export const ROLES = [
  'inspector',
  'safety-supervisor',
  'env-staff',
  'env-supervisor',
  'food-drug-officer',
  'food-drug-supervisor',
  'debt-officer',
  'debt-supervisor',
  'risk-office',
  'admin',
] as const;

export const roleSchema = z.enum(ROLES).describe('A platform role');
export type Role = z.infer<typeof roleSchema>;

/** Who is calling, as read from a verified token. */
export const principalSchema = z.object({
  sub: z.string().min(1).describe('Stable user id (the token subject)'),
  name: z.string().min(1).optional().describe('Display name, e.g. 张三'),
  roles: z.array(roleSchema).describe('Roles granted by the token'),
  zoneId: z.string().min(1).optional().describe('The zone the user works in, when the token names one'),
});
export type Principal = z.infer<typeof principalSchema>;

/**
 * True when the principal holds one of `roles`. `admin` passes every check: the platform has one
 * operator role and splitting it per domain would only add configuration nobody maintains.
 */
export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  if (principal.roles.includes('admin')) return true;
  return roles.some((role) => principal.roles.includes(role));
}
