import { privacyNoticeVersion } from '../../shared/volunteer-contract.ts';

/**
 * The smoke test of a running deployment (`npm run smoke`): what a visitor, a volunteer and a staff
 * member reach first, checked without writing anything; with `write`, a `+smoke` volunteer signs
 * up, confirms from the email (when the emails can be read: the local SES stand-in) and is erased.
 */

export interface SmokeOptions {
  /** The site's base URL, e.g. https://venner.dk or http://localhost:3000. */
  readonly baseUrl: string;
  readonly write?: boolean;
  /** The address the smoke volunteer signs up with (a `+smoke` address of a mailbox you read). */
  readonly email?: string;
  /** Where the sent emails can be read: the SES stand-in's store (`npm start` prints it). */
  readonly sesStoreUrl?: string;
  readonly log?: (line: string) => void;
}

export interface SmokeResult {
  readonly check: string;
  readonly outcome: 'ok' | 'failed' | 'skipped';
  readonly detail?: string;
}

class CheckFailed extends Error {}
const must = (condition: unknown, detail: string): void => {
  if (!condition) throw new CheckFailed(detail);
};

/** The headers every page must carry (docs/architecture.md: security headers). */
export const requiredSecurityHeaders = {
  'content-security-policy': /default-src 'self'/,
  'strict-transport-security': /max-age=\d{7,}/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /strict-origin-when-cross-origin/,
} as const;

interface StoredEmail {
  readonly destination: { readonly to: string[] };
  readonly subject: string;
  readonly body: { readonly text?: string };
}

export const runSmoke = async (options: SmokeOptions): Promise<SmokeResult[]> => {
  const base = new URL(options.baseUrl);
  const url = (path: string) => new URL(path, base).toString();
  const get = (path: string, init: RequestInit = {}) => fetch(url(path), { redirect: 'manual', ...init });
  const results: SmokeResult[] = [];
  const check = async (name: string, run: () => Promise<string | undefined>, skip?: string) => {
    if (skip) {
      results.push({ check: name, outcome: 'skipped', detail: skip });
      options.log?.(`– ${name}: sprunget over (${skip})`);
      return;
    }
    try {
      const detail = await run();
      results.push({ check: name, outcome: 'ok', detail });
      options.log?.(`✓ ${name}${detail ? ` (${detail})` : ''}`);
    } catch (error) {
      const detail =
        error instanceof CheckFailed
          ? error.message
          : `${(error as Error).name}: ${(error as Error).message}`;
      results.push({ check: name, outcome: 'failed', detail });
      options.log?.(`✗ ${name}: ${detail}`);
    }
  };
  const page = async (path: string, expected: RegExp) => {
    const response = await get(path);
    must(response.status === 200, `${path} answered ${response.status}`);
    must(/text\/html/.test(response.headers.get('content-type') ?? ''), `${path} is not HTML`);
    const text = await response.text();
    must(expected.test(text), `${path} lacks ${expected}`);
    return text;
  };

  await check('health', async () => {
    const response = await get('/health');
    must(response.status === 200, `/health answered ${response.status}`);
    const body = (await response.json()) as {
      status?: string;
      lastHeartbeatAt?: string;
      emailsHeldBySes?: number;
    };
    must(body.status === 'ok', `/health says ${body.status}`);
    const held = body.emailsHeldBySes ? `, ${body.emailsHeldBySes} e-mails holdt tilbage af SES` : '';
    return `DynamoDB svarer; sidste heartbeat ${body.lastHeartbeatAt ?? 'endnu ingen'}${held}`;
  });
  await check('forside', async () => void (await page('/', /<h1[^>]*>[^<]+<\/h1>/)));
  await check('tilmeldingsformular', async () => void (await page('/bliv-ven', /<form[^>]+method="post"/)));
  await check(
    'privatlivserklæring',
    async () => void (await page('/privatliv', /<title>[^<]+ · Venner<\/title>/)),
  );
  await check('mangler frivillige (side)', async () => void (await page('/mangler-frivillige', /<table/)));
  await check('tal som JSON', async () => {
    const response = await get('/api/kommuner/figures');
    must(response.status === 200, `answered ${response.status}`);
    const body = (await response.json()) as { kommuner?: unknown[] };
    must(body.kommuner?.length === 98, `${body.kommuner?.length ?? 0} kommuner, not 98`);
    return '98 kommuner';
  });
  await check('OpenAPI', async () => {
    const response = await get('/api/openapi.json');
    must(response.status === 200, `answered ${response.status}`);
    const body = (await response.json()) as { openapi?: string };
    must(/^3\./.test(body.openapi ?? ''), 'no OpenAPI 3 document');
    return undefined;
  });
  await check('personalets login', async () => void (await page('/personale/log-ind', /type="password"/)));
  await check('sikkerhedsheadere', async () => {
    const response = await get('/');
    for (const [name, pattern] of Object.entries(requiredSecurityHeaders)) {
      must(pattern.test(response.headers.get(name) ?? ''), `${name}: "${response.headers.get(name) ?? ''}"`);
    }
    return undefined;
  });
  await check(
    'http sendes til https',
    async () => {
      const plain = new URL(base);
      plain.protocol = 'http:';
      const response = await fetch(plain, { redirect: 'manual' });
      must([301, 302, 307, 308].includes(response.status), `http answered ${response.status}`);
      must(response.headers.get('location')?.startsWith('https://'), 'the redirect does not go to https');
      return undefined;
    },
    base.protocol === 'https:' ? undefined : 'adressen er http (lokal stak)',
  );

  if (options.write) await writeChecks(options, get, check);
  return results;
};

/** Signs a smoke volunteer up, confirms from the email where it can be read, and erases them. */
const writeChecks = async (
  options: SmokeOptions,
  get: (path: string, init?: RequestInit) => Promise<Response>,
  check: (name: string, run: () => Promise<string | undefined>, skip?: string) => Promise<void>,
) => {
  let origin = new URL(options.baseUrl).origin;
  const email = options.email ?? `smoke+${Date.now().toString(36)}@venner.local`;
  let session = '';
  await check('tilmelding af en smoke-frivillig', async () => {
    must(/\+smoke|^smoke\+/.test(email.split('@')[0] ?? ''), `${email} is not a +smoke address`);
    const response = await get('/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Smoke Test',
        email,
        phone: '20 30 40 50',
        kommuneCode: '101',
        postalCode: '1000',
        kind: 'friend',
        languages: ['danish'],
        helpWith: ['everyday-danish'],
        meetingFrequency: 'every-other-week',
        organisation: 'red-cross',
        consent: true,
        privacyNoticeVersion,
      }),
    });
    must(response.status === 201, `sign-up answered ${response.status}`);
    return email;
  });
  const noStore = options.sesStoreUrl
    ? undefined
    : 'e-mails kan ikke læses her; bekræft og slet tilmeldingen fra e-mailen, ellers slettes den efter 30 dage';
  await check(
    'bekræftelse fra e-mailen',
    async () => {
      const deadline = Date.now() + 20_000;
      let link: string | undefined;
      while (!link) {
        const store = (await (await fetch(options.sesStoreUrl as string)).json()) as {
          emails: StoredEmail[];
        };
        link = store.emails
          .filter((m) => m.destination.to.includes(email))
          .flatMap((m) => m.body.text?.split(/\s+/) ?? [])
          .find((word) => /^https?:\/\/[^/]+\/bliv-ven\/bekraeft\?token=/.test(word));
        must(link || Date.now() < deadline, 'no confirmation email within 20 s');
        if (!link) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // The site's own address, as the emails name it: forms are accepted only from there.
      origin = new URL(link).origin;
      const token = new URL(link).searchParams.get('token') ?? '';
      const confirmed = await get('/bliv-ven/bekraeft', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({ token }).toString(),
      });
      must(confirmed.status === 303, `confirmation answered ${confirmed.status}`);
      session = (confirmed.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
      must(session, 'no session after confirming');
      return undefined;
    },
    noStore,
  );
  await check(
    'sletning af smoke-frivilligen',
    async () => {
      const erased = await get('/min-tilmelding', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: session },
        body: new URLSearchParams({ action: 'delete', confirmDelete: 'yes' }).toString(),
      });
      must(erased.status === 303, `erasure answered ${erased.status}`);
      must(
        /slettet/.test(erased.headers.get('location') ?? ''),
        `erasure went to ${erased.headers.get('location')}`,
      );
      return undefined;
    },
    noStore,
  );
};
