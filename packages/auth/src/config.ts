import { z } from 'zod';
import { AuthConfigError } from './errors.ts';

/**
 * Signs and verifies tokens on developer machines and in tests only. Every service refuses it
 * when NODE_ENV=production, and so does `pnpm run token`.
 */
export const DEV_ONLY_JWT_SECRET = 'dev-only-zone-risk-secret-never-use-in-production';

export const DEFAULT_ISSUER = 'zone-risk-dev';
export const DEFAULT_AUDIENCE = 'zone-risk';

/** The auth variables; the platform's base config schema spreads this shape into its own. */
export const authConfigShape = {
  AUTH_JWT_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters (HS256 needs a long shared secret)')
    .optional()
    .describe('Shared HS256 secret for bearer tokens; leave unset to use AUTH_JWKS_URL'),
  AUTH_JWKS_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('URL of the identity provider JWKS (RS256/ES256 keys); used instead of AUTH_JWT_SECRET'),
  AUTH_ISSUER: z.string().min(1).default(DEFAULT_ISSUER).describe('Expected `iss` claim'),
  AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE).describe('Expected `aud` claim'),
};
export const authConfigSchema = z.object(authConfigShape);
export type AuthConfig = z.infer<typeof authConfigSchema>;

/** How tokens are verified: exactly one of `secret` and `jwksUrl`. */
export interface VerifierOptions {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Seconds of clock skew accepted on exp/nbf/iat; small, since tokens are short-lived. */
  clockToleranceSeconds?: number;
}

/**
 * Turns the auth variables into verifier options. Outside production, with neither a secret nor a
 * JWKS URL, the dev secret is used so that `pnpm run token` works out of the box.
 */
export function verifierOptionsFromConfig(config: AuthConfig, nodeEnv: string | undefined): VerifierOptions {
  const production = nodeEnv === 'production';
  const base = { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE };
  if (config.AUTH_JWT_SECRET && config.AUTH_JWKS_URL) {
    throw new AuthConfigError('AUTH_JWKS_URL', 'set either AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  }
  if (config.AUTH_JWKS_URL) return { ...base, jwksUrl: config.AUTH_JWKS_URL };
  if (production && (!config.AUTH_JWT_SECRET || config.AUTH_JWT_SECRET === DEV_ONLY_JWT_SECRET)) {
    throw new AuthConfigError(
      'AUTH_JWT_SECRET',
      'set a real secret or AUTH_JWKS_URL when NODE_ENV=production (the dev secret is refused)',
    );
  }
  return { ...base, secret: config.AUTH_JWT_SECRET ?? DEV_ONLY_JWT_SECRET };
}
