import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER, DEV_ONLY_JWT_SECRET } from './config.ts';
import type { Role } from './roles.ts';

export interface SignTokenOptions {
  sub: string;
  roles: readonly Role[];
  name?: string;
  zoneId?: string;
  /** A jose time span such as `8h` or `30m`. */
  ttl?: string;
  secret?: string;
  issuer?: string;
  audience?: string;
}

/**
 * Signs an HS256 token for development and tests. Production tokens come from the identity
 * provider; the CLI refuses to run with NODE_ENV=production.
 */
export async function signToken(options: SignTokenOptions): Promise<string> {
  const claims: Record<string, unknown> = { roles: [...options.roles] };
  if (options.name) claims.name = options.name;
  if (options.zoneId) claims.zoneId = options.zoneId;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.ttl ?? '8h')
    .sign(new TextEncoder().encode(options.secret ?? DEV_ONLY_JWT_SECRET));
}
