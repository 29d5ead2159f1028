import { fileURLToPath } from 'node:url';
import { httpConfigSchema } from '@zone-risk/platform';
import { z } from 'zod';

const serviceUrl = (port: number, name: string) =>
  z
    .url({ protocol: /^https?$/ })
    .default(`http://127.0.0.1:${port}`)
    .describe(`Base URL of the ${name} service; the console proxies /api/${name}/ to it`);

/** The console's environment: the platform's HTTP variables plus the upstreams and the sign-in. */
export const consoleConfigSchema = httpConfigSchema
  .extend({
    PORT: z.coerce
      .number()
      .int()
      .min(0)
      .max(65535)
      .default(3000)
      .describe('TCP port the HTTP server listens on'),
    SAFETY_URL: serviceUrl(3001, 'safety'),
    ENVIRONMENT_URL: serviceUrl(3002, 'environment'),
    FOOD_DRUG_URL: serviceUrl(3003, 'food-drug'),
    DEBT_URL: serviceUrl(3004, 'debt'),
    AGGREGATOR_URL: serviceUrl(3005, 'aggregator'),
    CONSOLE_DIST: z
      .string()
      .min(1)
      .default(fileURLToPath(new URL('../app/dist/', import.meta.url)))
      .describe('Directory of the built web app (`pnpm --filter @zone-risk/console build`)'),
    DEMO_TOKEN_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(480)
      .default(30)
      .describe('Lifetime of a token minted by the demo sign-in (never offered in production)'),
    OIDC_AUTHORITY: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe("The identity provider's issuer URL (its /.well-known/openid-configuration)"),
    OIDC_CLIENT_ID: z.string().min(1).optional().describe("The console's public client id at the provider"),
    OIDC_SCOPE: z.string().min(1).default('openid profile').describe('Scopes the console asks for'),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV !== 'production') return;
    for (const variable of ['OIDC_AUTHORITY', 'OIDC_CLIENT_ID'] as const) {
      if (!config[variable]) {
        context.addIssue({
          code: 'custom',
          path: [variable],
          message: 'is required when NODE_ENV=production (sign-in goes through the identity provider)',
        });
      }
    }
  });
export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

/** The services behind the console, by the path segment the browser uses: /api/<name>/…. */
export function upstreams(config: ConsoleConfig): Record<string, string> {
  return {
    safety: config.SAFETY_URL,
    environment: config.ENVIRONMENT_URL,
    'food-drug': config.FOOD_DRUG_URL,
    debt: config.DEBT_URL,
    aggregator: config.AGGREGATOR_URL,
  };
}
