import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const DOCS_PREFIX = '/docs';

export interface OpenApiOptions {
  title: string;
  version: string;
  description?: string;
  /** The service's AsyncAPI document (from @zone-risk/contracts), served at /asyncapi.json. */
  asyncapi?: object;
}

/**
 * OpenAPI 3.1 from the routes' zod schemas, Swagger UI at /docs and the JSON at /docs/json.
 * Must be installed before the service's routes: @fastify/swagger collects routes as they are added.
 */
export async function installOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  // The docs' own routes come from a plugin we cannot pass route config to: mark them public here.
  app.addHook('onRoute', (route) => {
    if (route.url === DOCS_PREFIX || route.url.startsWith(`${DOCS_PREFIX}/`)) {
      route.config = { ...route.config, public: true };
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title,
        version: options.version,
        ...(options.description ? { description: options.description } : {}),
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: (document) => {
      const transformed = jsonSchemaTransform(document);
      // Public routes say so in the document, instead of inheriting the global bearer requirement.
      if (document.route.config?.public === true) {
        return { ...transformed, schema: { ...transformed.schema, security: [] } };
      }
      return transformed;
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });

  if (options.asyncapi) {
    const document = options.asyncapi;
    app.get('/asyncapi.json', { config: { public: true }, schema: { hide: true } }, async () => document);
  }
}
