import { loadEnv } from '../../shared/env.ts';
import type { Operations } from '../../shared/routes.ts';
import { dynamoDb } from '../adapters/dynamodb-client.ts';
import { kommunerRepository } from '../adapters/kommuner-repository.ts';
import { tokensRepository } from '../adapters/tokens-repository.ts';
import {
  changeDigestSettings,
  type DigestSettingsDeps,
  digestChoices,
  openDigestSettings,
} from '../domain/digest-settings.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter } from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import {
  DigestLinkProblemPage,
  DigestSettingsDonePage,
  DigestSettingsPage,
} from '../web/digest-settings-page.tsx';

const env = loadEnv('digest-settings');
const db = dynamoDb();
const kommuner = kommunerRepository(db, env.TABLE_KOMMUNER);
const deps: DigestSettingsDeps = {
  tokens: tokensRepository(db, env.TABLE_TOKENS),
  kommuner: {
    getDigestContact: kommuner.getDigestContact,
    kommune: kommuner.getKommune,
    removeDigestContact: kommuner.removeDigestContact,
    setQuietDigest: kommuner.setQuietDigest,
  },
  now: () => new Date(),
};

const problem = () => html(DigestLinkProblemPage(), 410);

const operations = {
  settingsPage: async (event) => {
    const token = queryParameter(event, 'token') ?? '';
    const opened = await openDigestSettings(deps, token);
    if (!opened) return problem();
    return html(
      DigestSettingsPage({
        email: opened.contact.email,
        kommuneCode: opened.contact.kommuneCode,
        quietDigest: opened.quietDigest,
        token,
      }),
      200,
      { 'cache-control': 'no-store' },
    );
  },
  change: async (event) => {
    assertSameOrigin(event);
    const values = formBody(event, 1024);
    const choice = digestChoices.find((c) => c === values.choice);
    if (!choice || !(await changeDigestSettings(deps, values.token, choice))) return problem();
    return html(DigestSettingsDonePage({ choice }));
  },
} satisfies Operations<'digest-settings', HttpEvent, HttpResult>;

export const handler = httpHandler('digest-settings', ({ event, operation }) => operations[operation](event));
