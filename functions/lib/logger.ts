import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger for every function. Never log personal data: log ids, not values. */
export const logger = new Logger({ serviceName: 'venner' });
