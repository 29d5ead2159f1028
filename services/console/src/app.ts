import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyProxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import { signToken } from '@zone-risk/auth';
import { type App, buildApp, NotFoundError, ProblemError } from '@zone-risk/platform';
import { z } from 'zod';
import { type ConsoleConfig, upstreams } from './config.ts';
import { DEMO_USERS } from './demo-users.ts';

export interface ConsoleAppOptions {
  config: ConsoleConfig;
}

const demoUser = z.object({
  sub: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
});

/** How the browser signs in here: the demo list outside production, the identity provider in it. */
const signInSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('demo') }),
  z.object({
    mode: z.literal('oidc'),
    authority: z.string(),
    clientId: z.string(),
    scope: z.string(),
  }),
]);

/** Hashed build output may be cached for a year; index.html must be asked for again each time. */
function cacheHeaders(reply: { header(name: string, value: string): unknown }, path: string): void {
  reply.header(
    'cache-control',
    /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/**
 * The console: the built web app and, on the same origin, its backend — `/api/<service>/…`
 * passed through to each service (bodies and SSE streamed, never buffered; the service checks the
 * token itself), the sign-in settings, and outside production the demo sign-in.
 */
export async function buildConsoleApp({ config }: ConsoleAppOptions): Promise<App> {
  const production = config.NODE_ENV === 'production';
  const dist = config.CONSOLE_DIST;
  const built = () => existsSync(join(dist, 'index.html'));
  const app = await buildApp({
    name: 'console',
    description: 'The web console and its backend-for-frontend: one origin for the browser',
    config,
    readiness: { app: built },
  });

  app.get(
    '/api/console/sign-in',
    {
      config: { public: true },
      schema: {
        tags: ['sign-in'],
        summary: 'How the browser signs in',
        response: { 200: signInSchema },
      },
    },
    async () =>
      production
        ? {
            mode: 'oidc' as const,
            authority: config.OIDC_AUTHORITY ?? '',
            clientId: config.OIDC_CLIENT_ID ?? '',
            scope: config.OIDC_SCOPE,
          }
        : { mode: 'demo' as const },
  );

  // The demo sign-in does not exist in production: the routes are never registered there.
  if (!production) {
    app.get(
      '/api/console/demo-users',
      {
        config: { public: true },
        schema: {
          tags: ['sign-in'],
          summary: 'The demo users, one per role (not in production)',
          response: { 200: z.object({ users: z.array(demoUser) }) },
        },
      },
      async () => ({ users: DEMO_USERS.map((user) => ({ ...user, roles: [...user.roles] })) }),
    );
    app.post(
      '/api/console/demo-sign-in',
      {
        config: { public: true },
        schema: {
          tags: ['sign-in'],
          summary: 'Mint a short-lived token for a demo user (not in production)',
          body: z.object({ sub: z.string().min(1).max(64) }),
          response: {
            200: z.object({ token: z.string(), expiresAt: z.string(), user: demoUser }),
          },
        },
      },
      async (request) => {
        const user = DEMO_USERS.find((candidate) => candidate.sub === request.body.sub);
        if (!user) throw new NotFoundError(`No demo user ${request.body.sub}`);
        const minutes = config.DEMO_TOKEN_TTL_MINUTES;
        const token = await signToken({
          sub: user.sub,
          name: user.name,
          roles: user.roles,
          zoneId: config.ZONE_ID,
          ttl: `${minutes}m`,
          ...(config.AUTH_JWT_SECRET ? { secret: config.AUTH_JWT_SECRET } : {}),
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
        });
        request.log.info({ sub: user.sub, roles: user.roles }, 'demo sign-in');
        return {
          token,
          expiresAt: new Date(Date.now() + minutes * 60_000).toISOString(),
          user: { ...user, roles: [...user.roles] },
        };
      },
    );
  }

  for (const [name, upstream] of Object.entries(upstreams(config))) {
    await app.register(fastifyProxy, {
      upstream,
      prefix: `/api/${name}`,
      // The service verifies the token and the roles; the console adds no second opinion.
      config: { public: true },
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => ({ ...headers, 'x-request-id': String(request.id) }),
      },
    });
  }

  if (built()) {
    // serve: false — the files are sent by the public route below, beside the app's own paths.
    await app.register(fastifyStatic, { root: dist, serve: false, setHeaders: cacheHeaders });
  }
  // The app's own routes (/risk, /safety/hazards/…) are the app's page; /api/ stays an API.
  app.get('/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) throw new NotFoundError(`No route ${request.url}`);
    if (!built()) {
      throw new ProblemError(503, 'The web app is not built: run `pnpm --filter @zone-risk/console build`');
    }
    const path = decodeURIComponent(new URL(request.url, 'http://console').pathname).slice(1);
    // A file of the build (hashed assets, the favicon) as it is; any other path is the app's page.
    if (path !== '' && !path.split('/').includes('..') && existsSync(join(dist, path))) {
      return reply.sendFile(path, dist);
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', dist);
  });
  return app;
}
