import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';
import { consentedBody } from '../support/handover-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import { newClientAddress, requestFrom, scanAll, signIn, stack, uniqueEmail } from '../support/stack.ts';
import { roleFor } from '../support/staff.ts';

/**
 * Property-based tests on every route of the route table: random and adversarial bodies, headers,
 * query strings, path parameters and encodings. Whatever arrives, the answer is never a 5xx, an
 * HTML answer never carries the input unescaped, and nothing that carries the marker is stored
 * (every generated request with a marker is invalid by construction: random bodies, or a valid body
 * with at least one broken field).
 */

const marker = 'hx7q';
/** Values that break out of HTML text or a double-quoted attribute if not escaped; each holds the marker. */
const hostileText = fc.constantFrom(
  `<${marker}>`,
  `"${marker}><${marker} x="`,
  `</textarea><${marker}>`,
  `'"><${marker}/onload=alert(1)>`,
  `\u0000<${marker}>\u202e`,
  `{{${marker}}}<${marker}>`,
);
const hostileOrRandom = fc.oneof(
  hostileText,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '../../etc/passwd', '%00', '%E0%A4%A', '__proto__', 'x'.repeat(5000)),
);
/** A JSON value of any shape, with hostile strings in it. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileOrRandom,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/**
 * A valid body for the two big forms with hostile text in a free-text field and in a field with a
 * strict rule (an address, a code, a date, a choice), so it is invalid by construction; sometimes
 * with a field no contract knows, too.
 */
const brokenBody = (base: Record<string, unknown>, strictFields: readonly string[]) =>
  fc
    .record({
      freeText: fc.constantFrom('name', 'note', 'nationality', 'otherLanguages'),
      text: hostileText,
      strict: fc.constantFrom(...strictFields),
      broken: hostileText,
      extra: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), hostileText)),
    })
    .map(({ freeText, text, strict, broken, extra }) => ({
      ...base,
      [freeText]: text,
      [strict]: broken,
      ...(extra ? { [`${extra[0]}${marker}`]: extra[1] } : {}),
    }));

const requestParts = fc.record({
  pathParameter: fc.oneof(hostileOrRandom, fc.uuid()),
  query: fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('kommune', 'lang', 'token', 'utm_source', 'next', 'maaned'),
        fc.string({ maxLength: 8 }),
      ),
      hostileOrRandom,
    ),
    {
      maxLength: 4,
    },
  ),
  rawQuerySuffix: fc.constantFrom('', '&%', '&a=%ZZ', '&%E0%A4%A=1', '&a[]=1&a[]=2'),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/xml',
    '',
    ';;;',
  ),
  accept: fc.constantFrom('text/html', 'application/json', '*/*', '', 'text/html;q=0, application/json'),
  signedIn: fc.boolean(),
  cookie: fc.constantFrom(
    '',
    'venner_frivillig=x',
    'venner_staff_access=garbage; venner_staff_refresh=garbage',
    `a=${marker}`,
  ),
  bodyKind: fc.constantFrom('json', 'form', 'bytes'),
  json: anyJson,
  form: fc.array(fc.tuple(fc.string({ maxLength: 12 }), hostileOrRandom), { maxLength: 6 }),
  bytes: fc.uint8Array({ maxLength: 300 }),
});

const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  for (const role of ['caseworker', 'coordinator', 'admin'] as const)
    tokens[role] = (await signIn(role)).accessToken;
});

const signupStrict = [
  'email',
  'kommuneCode',
  'postalCode',
  'kind',
  'meetingFrequency',
  'organisation',
  'phone',
];
const handoverStrict = [
  'submissionKey',
  'centreId',
  'receivingKommune',
  'interviewDate',
  'consentMethod',
  'phone',
];
/** The routes that take one of the two big forms: a broken body of theirs, next to random ones. */
const brokenBodyFor = (route: RouteDefinition) => {
  if (route.path === '/api/volunteers') return brokenBody(signupBody(uniqueEmail('hostile')), signupStrict);
  if (route.path === '/bliv-ven' && route.method === 'POST') {
    const form = {
      ...signupBody(uniqueEmail('hostile')),
      language: 'da',
      website: '',
      renderedAt: Date.now() - 60_000,
    };
    return brokenBody(form, signupStrict);
  }
  if (
    route.path === '/api/handovers' ||
    (route.path === '/personale/overdragelser/ny' && route.method === 'POST')
  )
    return brokenBody(consentedBody(), handoverStrict);
  return undefined;
};

const formEncode = (body: Record<string, unknown>) => {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value])
      form.append(name, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return form.toString();
};

const headerSafe = (value: string) => value.replace(/[^\t\x20-\x7e]/g, '');

type RequestParts = typeof requestParts extends fc.Arbitrary<infer T> ? T : never;

const send = async (route: RouteDefinition, parts: RequestParts, broken?: Record<string, unknown>) => {
  const path = route.path.replace(
    /\{[^}]+\}/g,
    () => encodeURIComponent(parts.pathParameter).slice(0, 2000) || 'x',
  );
  const query = parts.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const url = `${path}${query || parts.rawQuerySuffix ? `?${query}${parts.rawQuerySuffix}` : ''}`;
  const role = roleFor(route);
  // A broken body goes as its route expects it (signed in, the right type), so it reaches validation.
  const contentType = broken
    ? route.path.startsWith('/api/')
      ? 'application/json'
      : 'application/x-www-form-urlencoded'
    : parts.contentType;
  const headers: Record<string, string> = {
    origin: stack.gatewayUrl,
    ...(contentType ? { 'content-type': contentType } : {}),
    ...(parts.accept ? { accept: parts.accept } : {}),
    ...(parts.cookie ? { cookie: headerSafe(parts.cookie) } : {}),
    ...(role && (parts.signedIn || broken) ? { authorization: `Bearer ${tokens[role]}` } : {}),
  };
  let body: string | Buffer | undefined;
  if (route.method !== 'GET') {
    if (broken) body = contentType.includes('form') ? formEncode(broken) : JSON.stringify(broken);
    else if (parts.bodyKind === 'json') body = JSON.stringify(parts.json) ?? '';
    else if (parts.bodyKind === 'form') body = new URLSearchParams(parts.form).toString();
    else body = Buffer.from(parts.bytes);
  }
  return requestFrom(newClientAddress(), url, { method: route.method, headers, body: body as string });
};

const expectSafeAnswer = async (label: string, response: Response) => {
  expect(response.status, label).toBeLessThan(500);
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    const html = await response.text();
    expect(html.includes(`<${marker}`), `${label}: unescaped tag in the page`).toBe(false);
    expect(html.includes(`"${marker}`), `${label}: unescaped quote in the page`).toBe(false);
  }
};

const runsPerRoute = Number(process.env.VENNER_FUZZ_RUNS ?? 8);

describe('hostile input on every route', () => {
  it.each(
    (routes as readonly RouteDefinition[]).map((route) => [`${route.method} ${route.path}`, route] as const),
  )(
    '%s never answers 5xx nor echoes input unescaped',
    async (label, route) => {
      const broken = brokenBodyFor(route);
      await fc.assert(
        fc.asyncProperty(
          requestParts,
          broken ? fc.option(broken, { freq: 2 }) : fc.constant(null),
          async (parts, broken) => {
            await expectSafeAnswer(label, await send(route, parts, broken ?? undefined));
          },
        ),
        { numRuns: runsPerRoute },
      );
    },
    60_000,
  );

  it('stored nothing that carries the marker in any table', async () => {
    for (const table of Object.values(stack.tables)) {
      for (const item of await scanAll(table)) expect(JSON.stringify(item), table).not.toContain(marker);
    }
  });
});

/** A CPR number as someone might type it to get past a check: any separators, any digits' script. */
const cprNumber = fc
  .record({
    day: fc.integer({ min: 1, max: 31 }),
    month: fc.integer({ min: 1, max: 12 }),
    year: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 0, max: 9999 }),
    separators: fc.array(
      fc.constantFrom(
        '',
        ' ',
        '-',
        '–',
        '—',
        '\u2011',
        '\u2212',
        '.',
        '/',
        '\u200b',
        '\u00a0',
        '  ',
        ' - ',
        ' – ',
        '+',
        '。',
        '\u2800',
      ),
      { minLength: 3, maxLength: 3 },
    ),
    digits: fc.constantFrom('ascii', 'full-width', 'arabic-indic', 'thai'),
    around: fc.tuple(fc.constantFrom('', 'CPR ', 'nr. '), fc.constantFrom('', ', ring', ' tak')),
  })
  .map(({ day, month, year, serial, separators, digits, around }) => {
    const two = (n: number) => String(n).padStart(2, '0');
    const [a, b, c] = separators as [string, string, string];
    const ascii = `${two(day)}${a}${two(month)}${b}${two(year)}${c}${String(serial).padStart(4, '0')}`;
    const zero = { 'full-width': 0xff10, 'arabic-indic': 0x0660, thai: 0x0e50, ascii: 0x30 }[digits];
    const written = ascii.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
    return `${around[0]}${written}${around[1]}`;
  });

/** A name with a character in it that could start a line, hide text or reverse it. */
const brokenName = fc
  .tuple(
    fc.constantFrom('Åse Nørgaard', 'أمل حداد', 'Karim'),
    fc.constantFrom(
      '\r\n',
      '\n',
      '\r',
      '\u0000',
      '\t',
      '\u0085',
      '\u2028',
      '\u2029',
      '\u202e',
      '\u2066',
      '\ud800',
    ),
    fc.nat(12),
  )
  // Inside the name: at either end, trimming takes a line break away before any rule looks at it.
  .map(([name, bad, at]) => {
    const cut = 1 + (at % (name.length - 1));
    return `${name.slice(0, cut)}${bad}${name.slice(cut)}VIGTIGT`;
  });

/** A name of nothing anyone can see. */
const invisibleName = fc
  .array(
    fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\u3164', '\u2800', '\ufeff', ' '),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(''));

describe('hostile text in the two big forms (fast-check)', () => {
  const errorsOf = async (response: Response) =>
    ((await response.json()) as { errors?: { field: string; message: string }[] }).errors ?? [];

  it('refuses every way of writing a CPR number in a handover, and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        cprNumber,
        fc.constantFrom('note', 'newAddress', 'nationality', 'otherLanguages'),
        async (cpr, field) => {
          const body = consentedBody({ [field]: cpr });
          const response = await requestFrom(newClientAddress(), '/api/handovers', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.caseworker}` },
            body: JSON.stringify(body),
          });
          expect(response.status, `${field}: ${JSON.stringify(cpr)}`).toBe(400);
          expect(await errorsOf(response)).toContainEqual({
            field,
            message: 'Skriv aldrig et CPR-nummer. Fjern tallet, og prøv igen.',
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses control, bidi and invisible-only names in the sign-up and the handover', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(brokenName, invisibleName), fc.boolean(), async (name, handover) => {
        const response = handover
          ? await requestFrom(newClientAddress(), '/api/handovers', {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.caseworker}` },
              body: JSON.stringify(consentedBody({ name })),
            })
          : await requestFrom(newClientAddress(), '/api/volunteers', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(signupBody(uniqueEmail('hostile-name'), { name })),
            });
        expect(response.status, JSON.stringify(name)).toBe(400);
        expect((await errorsOf(response)).map((e) => e.field)).toContain('name');
      }),
      { numRuns: 40 },
    );
  });

  it('stored none of them', async () => {
    for (const table of [stack.tables.consents, stack.tables.volunteers]) {
      const items = JSON.stringify(await scanAll(table));
      expect(items).not.toContain('VIGTIGT');
    }
  });
});
