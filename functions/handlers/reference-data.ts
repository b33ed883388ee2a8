import { loadEnv } from '../../shared/env.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { loadReferenceKommuner } from '../domain/kommune.ts';
import { referenceKommuner } from '../domain/reference-kommuner.ts';
import { customResource } from '../lib/custom-resource.ts';
import { logger } from '../lib/logger.ts';

const env = loadEnv('reference-data');
const kommuner = kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER);

/** The custom resource `Custom::KommunerReferenceData`: the 98 kommuner, on every deploy that changes them. */
export const handler = customResource('venner-kommuner-reference-data', async () => {
  const count = await loadReferenceKommuner(kommuner, referenceKommuner());
  logger.info('Kommuner loaded', { count });
  return { kommuner: String(count) };
});
