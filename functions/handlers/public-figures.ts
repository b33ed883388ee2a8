import { loadEnv } from '../../shared/env.ts';
import type { Operations } from '../../shared/routes.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { publicFigures } from '../domain/public-figures.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { langOf } from '../http/http-session.ts';
import { FiguresPage } from '../web/figures-page.tsx';

const env = loadEnv('public-figures');
const kommuner = kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER);

/** Public aggregates: a browser or CDN may keep them a minute. */
const cache = { 'cache-control': 'public, max-age=60, stale-while-revalidate=60' };

/** One DynamoDB Query, whatever the number of volunteers: the counters live on the kommune items. */
const figuresOf = async (event: HttpEvent) => {
  const region = event.queryStringParameters?.region || undefined;
  return { region, figures: publicFigures(await kommuner.listWithCounters(), region) };
};

const operations = {
  api: async (event) => {
    const { region, figures } = await figuresOf(event);
    const { largestMissing: _largest, everyKommune: _map, region: _region, ...body } = figures;
    return json({ generatedAt: new Date().toISOString(), region: region ?? null, ...body }, 200, cache);
  },
  page: async (event) => {
    const { region, figures } = await figuresOf(event);
    return html(FiguresPage({ lang: langOf(event), figures, region }), 200, cache);
  },
} satisfies Operations<'public-figures', HttpEvent, HttpResult>;

export const handler = httpHandler('public-figures', ({ event, operation }) => operations[operation](event));
