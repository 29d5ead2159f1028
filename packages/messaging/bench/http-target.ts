// One HTTP server for the (c) benchmark, run in a child process so that autocannon and the server
// do not share a thread. `node http-target.ts platform|bare` prints its port, then serves
// POST /hazards: the body validated against one zod schema, 201 with an id, or 400.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { baseConfigSchema, buildApp, loadConfig } from '@zone-risk/platform';
import { z } from 'zod';

const hazardBody = z.object({
  enterprise: z.string().length(18),
  location: z.string().min(1).max(200),
  description: z.string().min(1).max(2000),
  category: z.enum(['equipment', 'environment', 'management', 'behaviour']),
  grade: z.enum(['general', 'major']),
  deadline: z.iso.date(),
});
const created = z.object({ id: z.string() });

async function platform(): Promise<number> {
  const config = loadConfig(baseConfigSchema, { NODE_ENV: 'test', LOG_LEVEL: 'silent', MONGO_DB: 'bench' });
  const app = await buildApp({
    name: 'bench',
    config,
    routes: async (app) => {
      app.post(
        '/hazards',
        { config: { public: true }, schema: { body: hazardBody, response: { 201: created } } },
        async (_request, reply) => reply.code(201).send({ id: randomUUID() }),
      );
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

function bare(): Promise<number> {
  const server = createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/hazards') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"title":"invalid JSON"}');
        return;
      }
      const parsed = hazardBody.safeParse(body);
      if (!parsed.success) {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"title":"invalid body"}');
        return;
      }
      response
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: randomUUID() }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    }),
  );
}

const port = process.argv[2] === 'platform' ? await platform() : await bare();
process.stdout.write(`${port}\n`);
