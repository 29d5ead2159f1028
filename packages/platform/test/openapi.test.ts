import t from 'tap';
import { z } from 'zod';
import { testApp } from './helpers/app.ts';

t.test(
  '/docs/json is OpenAPI 3.1 with each route, its zod-derived schemas and bearer security',
  async (t) => {
    const app = await testApp(t, { version: '1.2.3' });
    app.post(
      '/hazards',
      {
        schema: {
          summary: 'Report a hidden hazard',
          body: z.object({
            enterpriseCode: z.string().length(18).describe('Unified Social Credit Code'),
            grade: z.enum(['general', 'major']),
          }),
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (_request, reply) => reply.code(201).send({ id: 'h1' }),
    );
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    t.equal(res.statusCode, 200);
    const doc = res.json();
    t.equal(doc.openapi, '3.1.0');
    t.match(doc.info, { title: 'platform-test', version: '1.2.3' });
    t.same(doc.components.securitySchemes.bearerAuth, {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    t.same(doc.security, [{ bearerAuth: [] }]);

    const post = doc.paths['/hazards'].post;
    t.equal(post.summary, 'Report a hidden hazard');
    const body = post.requestBody.content['application/json'].schema;
    t.match(body, {
      type: 'object',
      required: ['enterpriseCode', 'grade'],
      properties: {
        enterpriseCode: {
          type: 'string',
          minLength: 18,
          maxLength: 18,
          description: 'Unified Social Credit Code',
        },
        grade: { enum: ['general', 'major'] },
      },
    });
    t.match(post.responses['201'].content['application/json'].schema, {
      properties: { id: { type: 'string' } },
    });

    t.same(doc.paths['/health/ready'].get.security, [], 'public routes declare no security');
    t.notOk(doc.paths['/metrics'], 'non-API routes stay out of the document');
    t.notOk(doc.paths['/docs/json'], "the docs' own routes stay out");
  },
);

t.test('the AsyncAPI document given in the options is served at /asyncapi.json', async (t) => {
  const asyncapi = { asyncapi: '3.0.0', info: { title: 'zone events', version: '1' } };
  const app = await testApp(t, { asyncapi });
  const res = await app.inject({ method: 'GET', url: '/asyncapi.json' });
  t.same([res.statusCode, res.json()], [200, asyncapi]);
});
