export {
  type AuthConfig,
  authConfigSchema,
  authConfigShape,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  DEV_ONLY_JWT_SECRET,
  type VerifierOptions,
  verifierOptionsFromConfig,
} from './config.ts';
export { AuthConfigError, AuthenticationError, RoleForbiddenError } from './errors.ts';
export { type AuthPluginOptions, authPlugin, requireRole } from './plugin.ts';
export { hasRole, type Principal, principalSchema, ROLES, type Role, roleSchema } from './roles.ts';
export { type SignTokenOptions, signToken } from './sign.ts';
export { createTokenVerifier, type TokenVerifier } from './verify.ts';
