import * as z from 'zod';
import type { ApiContract } from '../../shared/api-contracts.ts';
import { unwrapSchema } from '../../shared/lazy-schema.ts';

/** Builds the OpenAPI 3.1 document from the contracts (zod 4 emits JSON Schema 2020-12, which OpenAPI 3.1 uses). */
export const openApiDocument = (contracts: Record<string, ApiContract>, serverUrl: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [routeKey, contract] of Object.entries(contracts)) {
    const [method, path] = routeKey.split(' ') as [string, string];
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      summary: contract.summary,
      tags: [contract.tag],
      ...(contract.roles
        ? { security: [{ cognito: [] }], description: `Roles: ${contract.roles.join(', ')}` }
        : {}),
      ...(contract.query
        ? {
            parameters: Object.entries(contract.query).map(([name, q]) => ({
              name,
              in: 'query',
              required: false,
              description: q.description,
              schema: { type: 'string' },
            })),
          }
        : {}),
      ...(contract.requestBody
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: z.toJSONSchema(unwrapSchema(contract.requestBody), {
                    io: 'input',
                    unrepresentable: 'any',
                  }),
                },
              },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(contract.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.headers
              ? {
                  headers: Object.fromEntries(
                    Object.entries(response.headers).map(([name, description]) => [
                      name,
                      { description, schema: { type: 'string' } },
                    ]),
                  ),
                }
              : {}),
            ...(response.schema
              ? {
                  content: {
                    'application/json': {
                      schema: z.toJSONSchema(unwrapSchema(response.schema), {
                        io: 'output',
                        unrepresentable: 'any',
                      }),
                    },
                  },
                }
              : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'venner API',
      version: '1',
      description: 'Volunteer friends for refugees in Danish kommuner. Error messages are in Danish.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token',
        },
      },
    },
    paths,
  };
};
