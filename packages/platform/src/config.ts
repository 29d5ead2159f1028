import { authConfigShape } from '@zone-risk/auth';
import { z } from 'zod';

/** A bad environment: the message names each bad variable and why, never its value. */
export class ConfigError extends Error {
  readonly issues: readonly { variable: string; message: string }[];

  constructor(issues: readonly { variable: string; message: string }[]) {
    const lines = issues.map((issue) => `  - ${issue.variable}: ${issue.message}`);
    super(`Invalid configuration:\n${lines.join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** The variables every HTTP service reads, one without a store or Kafka (the console) included. */
export const httpConfigSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('Deployment kind; production refuses dev-only defaults'),
  PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(3000)
    .describe('TCP port the HTTP server listens on'),
  HOST: z.string().min(1).default('0.0.0.0').describe('Interface the HTTP server binds'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
  ZONE_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be lower-case letters, digits and dashes')
    .default('demo-zone')
    .describe('The development zone this deployment serves'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe('How long a graceful shutdown may take before the process exits anyway'),
  IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .positive()
    .default(24)
    .describe('How long a stored Idempotency-Key response is replayed'),
  IDEMPOTENCY_SWEEP_SECONDS: z.coerce
    .number()
    .positive()
    .default(600)
    .describe('How often expired Idempotency-Key records are deleted (no TTL index on FerretDB)'),
  ...authConfigShape,
});
export type HttpConfig = z.infer<typeof httpConfigSchema>;

/** The variables every domain service reads; a service extends it with its own (`baseConfigSchema.extend`). */
export const baseConfigSchema = httpConfigSchema.extend({
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// URL')
    .default('mongodb://127.0.0.1:27017')
    .describe('Document store (MongoDB 7+ or the local FerretDB front)'),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
    .describe("The service's own database"),
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(hostPort, 'each broker must be host:port')).min(1))
    .describe('Comma-separated Kafka bootstrap brokers, host:port'),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/**
 * Parses the environment once at start. Empty variables count as unset, so `PORT=` in a compose
 * file falls back to the default instead of failing as "not a number".
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv = process.env): T {
  const input = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  const issues = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(config)');
    const described = shape[variable]?.description;
    const why =
      input[variable] === undefined && issue.code === 'invalid_type'
        ? 'is required but not set'
        : issue.message;
    return { variable, message: described ? `${why} (${described})` : why };
  });
  throw new ConfigError(issues);
}
