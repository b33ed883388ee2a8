import { loadEnv } from '../../shared/env.ts';
import type { Operations } from '../../shared/routes.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { organisationsDirectory } from '../adapters/organisations-repository.ts';
import { groupsPerKommune } from '../domain/organisations.ts';
import { publicFigures } from '../domain/public-figures.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { langOf } from '../http/http-session.ts';
import { FiguresPage } from '../web/figures-page.tsx';

const env = loadEnv('public-figures');
const kommuner = kommunerRepository(dynamoDb(), env.TABLE_KOMMUNER);
const organisations = organisationsDirectory(dynamoDb(), env.TABLE_ORGANISATIONS);

/** Public aggregates: a browser or CDN may keep them a minute. */
const cache = { 'cache-control': 'public, max-age=60, stale-while-revalidate=60' };

/** One DynamoDB Query, whatever the number of volunteers: the counters live on the kommune items. */
const figuresOf = async (event: HttpEvent) => {
  const region = event.queryStringParameters?.region || undefined;
  const [all, directory] = await Promise.all([kommuner.listWithCounters(), organisations.all()]);
  const figures = publicFigures(all, region);
  // The active local groups of the kommuner shown, A to Å: whom a kommune (or a volunteer) can turn to.
  const shown = [...figures.kommuner].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  return { region, figures, groups: groupsPerKommune(shown, directory) };
};

const operations = {
  api: async (event) => {
    const { region, figures, groups } = await figuresOf(event);
    const { largestMissing: _largest, everyKommune: _map, region: _region, ...body } = figures;
    return json(
      { generatedAt: new Date().toISOString(), region: region ?? null, ...body, groups },
      200,
      cache,
    );
  },
  page: async (event) => {
    const { region, figures, groups } = await figuresOf(event);
    return html(FiguresPage({ lang: langOf(event), figures, region, groups }), 200, cache);
  },
} satisfies Operations<'public-figures', HttpEvent, HttpResult>;

export const handler = httpHandler('public-figures', ({ event, operation }) => operations[operation](event));
