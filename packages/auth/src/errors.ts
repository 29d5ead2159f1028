import type { Role } from './roles.ts';

// These carry `statusCode` and `headers` like fastify's own errors, so any error handler (the
// platform's problem+json one, or fastify's default) answers with the right status and header.
// Auth does not depend on the platform: the platform depends on auth.

/** 401: no token, or a token we do not accept. Answered with `WWW-Authenticate: Bearer`. */
export class AuthenticationError extends Error {
  readonly statusCode = 401;
  readonly code = 'AUTH_INVALID_TOKEN';
  readonly headers: Record<string, string>;

  constructor(detail: string, options: { tokenPresent: boolean; cause?: unknown }) {
    super(detail, { cause: options.cause });
    this.name = 'AuthenticationError';
    // RFC 6750 §3: no error code when the request carried no token at all.
    const challenge = options.tokenPresent
      ? `Bearer realm="zone-risk", error="invalid_token", error_description="${detail.replaceAll('"', "'")}"`
      : 'Bearer realm="zone-risk"';
    this.headers = { 'www-authenticate': challenge };
  }
}

/** 403: a valid token whose roles do not include one the route requires. */
export class RoleForbiddenError extends Error {
  readonly statusCode = 403;
  readonly code = 'AUTH_ROLE_REQUIRED';
  readonly headers: Record<string, string> = {};
  readonly requiredRoles: readonly Role[];

  constructor(requiredRoles: readonly Role[]) {
    super(`This action needs one of the roles: ${requiredRoles.join(', ')}`);
    this.name = 'RoleForbiddenError';
    this.requiredRoles = requiredRoles;
  }
}

/** A bad auth configuration, naming the variable at fault. */
export class AuthConfigError extends Error {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'AuthConfigError';
    this.variable = variable;
  }
}
