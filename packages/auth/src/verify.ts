import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { z } from 'zod';
import type { VerifierOptions } from './config.ts';
import { AuthenticationError } from './errors.ts';
import { type Principal, ROLES, type Role } from './roles.ts';

/** Checks a bearer token and returns the principal it names, or throws AuthenticationError (401). */
export type TokenVerifier = (token: string) => Promise<Principal>;

// Asymmetric algorithms an identity provider's JWKS may use; HS256 only with the shared secret,
// so a public key can never be abused as an HMAC secret (the classic algorithm-confusion attack).
const JWKS_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1).optional(),
  roles: z.array(z.string()).default([]),
  zoneId: z.string().min(1).optional(),
});

/** Builds a verifier for an HS256 shared secret or a remote JWKS. */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSeconds ?? 5,
  };
  let verifyJwt: (token: string) => Promise<JWTPayload>;
  if (options.jwksUrl) {
    const keys = createRemoteJWKSet(new URL(options.jwksUrl));
    verifyJwt = async (token) =>
      (await jwtVerify(token, keys, { ...verifyOptions, algorithms: JWKS_ALGORITHMS })).payload;
  } else if (options.secret) {
    const key = new TextEncoder().encode(options.secret);
    verifyJwt = async (token) =>
      (await jwtVerify(token, key, { ...verifyOptions, algorithms: ['HS256'] })).payload;
  } else {
    throw new Error('createTokenVerifier needs a secret or a jwksUrl');
  }

  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = await verifyJwt(token);
    } catch (error) {
      throw toAuthenticationError(error);
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      throw new AuthenticationError('The token lacks a subject or has malformed claims', {
        tokenPresent: true,
      });
    }
    // Unknown roles are dropped rather than refused: an identity provider may grant roles of
    // other systems, and ignoring them can only take rights away.
    const roles = claims.data.roles.filter((role): role is Role =>
      (ROLES as readonly string[]).includes(role),
    );
    return { ...claims.data, roles };
  };
}

function toAuthenticationError(error: unknown): Error {
  const present = { tokenPresent: true, cause: error };
  if (error instanceof errors.JWTExpired) return new AuthenticationError('The token has expired', present);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const which: Record<string, string> = {
      iss: 'The token was issued by an issuer this service does not trust',
      aud: 'The token is meant for another audience',
      nbf: 'The token is not valid yet',
    };
    return new AuthenticationError(
      which[error.claim] ?? `The token's ${error.claim} claim is invalid`,
      present,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new AuthenticationError('The token signature does not verify', present);
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  ) {
    return new AuthenticationError('The token is malformed or uses an algorithm not accepted', present);
  }
  // Anything else (the JWKS endpoint down, a timeout) is our failure, not the caller's: let it
  // surface as a 500 instead of telling a valid user their token is bad.
  return error instanceof Error ? error : new Error(String(error));
}
