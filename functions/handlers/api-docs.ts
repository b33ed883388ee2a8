import { apiContracts } from '../../shared/api-contracts.ts';
import { loadEnv } from '../../shared/env.ts';
import { lazy } from '../../shared/lazy.ts';
import { openApiDocument } from '../domain/openapi.ts';
import { httpHandler, json } from '../http/http-handler.ts';

const env = loadEnv('api-docs');
/** Generated on the first request (it builds every schema of the API), then kept. */
const document = lazy(() => openApiDocument(apiContracts, env.PUBLIC_BASE_URL));

export const handler = httpHandler('api-docs', async () =>
  json(document(), 200, { 'cache-control': 'public, max-age=300' }),
);
