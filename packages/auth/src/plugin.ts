import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AuthenticationError, RoleForbiddenError } from './errors.ts';
import { hasRole, type Principal, type Role } from './roles.ts';
import type { TokenVerifier } from './verify.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified caller. Set on every route except those marked `config: { public: true }`. */
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Serve without a token (health, metrics, docs). */
    public?: boolean;
    /** The caller needs one of these roles (admin always passes). */
    roles?: readonly Role[];
  }
}

export interface AuthPluginOptions {
  verifier: TokenVerifier;
}

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)$/i;

async function authenticate(request: FastifyRequest, verifier: TokenVerifier): Promise<Principal> {
  const header = request.headers.authorization;
  if (!header) throw new AuthenticationError('A bearer token is required', { tokenPresent: false });
  const match = BEARER.exec(header.trim());
  if (!match?.[1]) {
    throw new AuthenticationError('The Authorization header must be `Bearer <token>`', {
      tokenPresent: true,
    });
  }
  return verifier(match[1]);
}

/**
 * Requires a bearer token on every route unless the route says `config: { public: true }`, sets
 * `request.principal`, and enforces `config: { roles: [...] }`. Registered at the root scope, so
 * it covers routes of every plugin registered after it.
 */
const plugin: FastifyPluginAsync<AuthPluginOptions> = async (app, options) => {
  // null until the hook sets it; fastify 5 refuses object defaults on request decorators.
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Unknown routes answer 404 without a token: nothing is behind them, and the OpenAPI document
    // already tells anyone which routes exist.
    if (config.public === true || request.is404) return;
    request.principal = await authenticate(request, options.verifier);
    if (config.roles && config.roles.length > 0 && !hasRole(request.principal, config.roles)) {
      throw new RoleForbiddenError(config.roles);
    }
  });
};
// Same effect as fastify-plugin: the hook and decorator apply outside this plugin's own scope.
Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'zone-risk-auth',
});
export const authPlugin = plugin;

/** A preHandler for routes that pick the role check themselves (e.g. in a route-level plugin). */
export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request) => {
    // `principal` is null at runtime on public routes, whatever the declared type says.
    const principal = request.principal as Principal | null;
    if (!principal) throw new AuthenticationError('A bearer token is required', { tokenPresent: false });
    if (!hasRole(principal, roles)) throw new RoleForbiddenError(roles);
  };
}
