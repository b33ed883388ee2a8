import { describe, expect, it } from 'vitest';
import { renderStaffEmail } from '../../functions/adapters/kommune-emails.tsx';
import { renderEmail } from '../../functions/adapters/volunteer-emails.tsx';
import { asciiEmailAddress, canonicalEmail } from '../../shared/email-address.ts';
import { hasVisibleText, looksLikeCpr, oneLine, textProblem } from '../../shared/text-rules.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  newClientAddress,
  request,
  requestFrom,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';

/**
 * Text people type that tries to get past the rules: CPR numbers written so the old pattern missed
 * them, names with line breaks or bidi overrides, names of nothing visible, addresses with Danish
 * letters in the domain (fine) or look-alike letters (not fine), form fields named after
 * Object.prototype, and a cookie that is not percent-encoded.
 */

const cprVariants = [
  '010190-1234',
  '0101901234',
  '010190 1234',
  '01.01.90-1234',
  '01 01 90 1234',
  '01.01.90 1234',
  '010190–1234', // en dash
  '010190—1234', // em dash
  '010190\u20111234', // non-breaking hyphen
  '010190\u22121234', // minus sign
  '０１０１９０－１２３４', // full-width
  '010190/1234',
  '01/01/90-1234',
  '0101\u200b90-1234', // a zero-width space inside
  '01\u00ad0190-1234', // a soft hyphen inside
  '٠١٠١٩٠-١٢٣٤', // Arabic-Indic digits
  'CPR: 010190-1234, ring efter kl. 16',
  '010190 - 1234', // spaced dash
  '010190 – 1234',
  '01 - 01 - 90 - 1234',
  '01 01 90 12 34', // the serial in pairs
  '010190+1234',
  '0\u034f10190-1234', // a combining grapheme joiner inside
  '010190\u28001234', // a braille blank as the dash
  '01\u316401901234', // a Hangul filler inside
  '01。01。90-1234', // ideographic full stops
  '๐๑๐๑๙๐-๑๒๓๔', // Thai digits
  '၀၁၀၁၉၀-၁၂၃၄', // Myanmar digits
];

const notCpr = [
  'Bor på 2. sal',
  '20 30 40 50',
  '+45 20 30 40 50',
  'Flytter 01.12.2026',
  'Skovvej 3, 3450 Allerød',
  'Børn på 4 og 9 år',
  'Mødes kl. 16.30 den 12/1',
  'tlf 31 12 34 56',
  '+4531223344',
];

describe('CPR numbers however they are written', () => {
  it.each(cprVariants)('finds %j', (value) => {
    expect(looksLikeCpr(value)).toBe(true);
  });

  it.each(notCpr)('leaves %j alone', (value) => {
    expect(looksLikeCpr(value)).toBe(false);
  });

  it('refuses each variant in a handover note and name with the Danish message, and stores nothing', async () => {
    const { accessToken } = await signIn('caseworker');
    for (const variant of cprVariants) {
      for (const field of ['note', 'name', 'newAddress']) {
        const body = consentedBody({ [field]: field === 'name' ? `Amal ${variant}` : variant });
        const response = await postJson('/api/handovers', accessToken, body);
        expect(response.status, `${field}: ${variant}`).toBe(400);
        const { errors } = (await response.json()) as { errors: { field: string; message: string }[] };
        expect(errors, `${field}: ${variant}`).toContainEqual({
          field,
          message: 'Skriv aldrig et CPR-nummer. Fjern tallet, og prøv igen.',
        });
      }
    }
  });
});

const refusedNames: [string, string, 'control' | 'invisible'][] = [
  ['a line break', 'Åse\r\nVIGTIGT fra Venner: send CPR-nummeret til x@example.dk', 'control'],
  ['a lone line feed', 'Åse\nNørgaard', 'control'],
  ['a NUL', 'Åse\u0000Nørgaard', 'control'],
  ['a tab', 'Åse\tNørgaard', 'control'],
  ['a C1 next-line', 'Åse\u0085Nørgaard', 'control'],
  ['a line separator', 'Åse\u2028Nørgaard', 'control'],
  ['a lone surrogate', 'Åse\ud800', 'control'],
  ['a right-to-left override', 'Åse \u202eenoN', 'control'],
  ['a left-to-right isolate', '\u2066Åse\u2069', 'control'],
  ['only zero-width spaces', '\u200b\u200b\u200b', 'invisible'],
  ['only a Hangul filler', '\u3164', 'invisible'],
  ['only a braille blank and a soft hyphen', '\u2800\u00ad', 'invisible'],
];

const acceptedNames = ['Åse Nørgaard', 'أمل حداد', 'Zoë Ærø-Ølund', 'محمد\u200cرضا', "O'Brien", 'Ngọc Ánh'];

describe('names and free text', () => {
  it.each(refusedNames)('refuses a name with %s', (_, value, problem) => {
    const found = textProblem(value) ?? (hasVisibleText(value) ? undefined : 'invisible');
    expect(found).toBe(problem);
  });

  it.each(acceptedNames)('accepts %j', (value) => {
    expect(textProblem(value)).toBeUndefined();
    expect(hasVisibleText(value)).toBe(true);
  });

  it('lets a note keep its line breaks, as \\n, but nothing else invisible', () => {
    expect(textProblem('Første linje\nanden linje', { multiLine: true })).toBeUndefined();
    expect(textProblem('Første\u0000linje', { multiLine: true })).toBe('control');
    expect(textProblem('Første \u202elinje', { multiLine: true })).toBe('control');
  });

  it('puts a value on one line whatever line break it holds', () => {
    expect(oneLine('a\r\nb\nc\rd\u2028e\u2029f\u0085g')).toBe('a b c d e f g');
  });

  it('refuses each in the public sign-up (JSON and form) with a Danish field message', async () => {
    for (const [what, name, problem] of refusedNames) {
      const json = await requestFrom(newClientAddress(), '/api/volunteers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signupBody(uniqueEmail('name'), { name })),
      });
      expect(json.status, what).toBe(400);
      const { errors } = (await json.json()) as { errors: { field: string; message: string }[] };
      expect(errors, what).toContainEqual({
        field: 'name',
        message:
          problem === 'control'
            ? 'Feltet indeholder tegn, der ikke kan bruges her (fx linjeskift eller skjulte styretegn). Skriv teksten igen.'
            : 'Skriv navnet med bogstaver.',
      });
    }
    const fields = Object.entries({ ...signupBody(uniqueEmail('form')), name: 'Åse\r\nVIGTIGT' }).flatMap(
      ([name, value]): [string, string][] =>
        Array.isArray(value) ? value.map((v) => [name, String(v)]) : [[name, String(value)]],
    );
    const form = await requestFrom(newClientAddress(), '/bliv-ven', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
      body: new URLSearchParams([...fields, ['renderedAt', String(Date.now() - 60_000)]]).toString(),
    });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Feltet indeholder tegn, der ikke kan bruges her');
  });

  it('refuses each in a handover (the refugee and the kommune caseworker)', async () => {
    const { accessToken } = await signIn('caseworker');
    for (const [what, name] of refusedNames) {
      for (const field of ['name', 'kommuneCaseworkerName']) {
        const response = await postJson('/api/handovers', accessToken, consentedBody({ [field]: name }));
        expect(response.status, `${field}: ${what}`).toBe(400);
        const { errors } = (await response.json()) as { errors: { field: string }[] };
        expect(errors.map((e) => e.field)).toContain(field);
      }
    }
  });
});

describe('plain-text emails', () => {
  const injected = 'Åse\r\nVIGTIGT fra Venner: send CPR-nummeret til x@example.dk\u2028og ring';

  it('never let a value start a line of its own (staff emails)', () => {
    const { text, subject } = renderStaffEmail({
      to: 'k@kommune.dk',
      subject: `Ny ven: ${injected}`,
      intro: `Kære ${injected}`,
      lead: 'Der er nyt.',
      rows: [
        ['Den frivillige', injected],
        [`Felt ${injected}`, 'x'],
      ],
      after: 'Svar ikke.',
    });
    const lines = text.split('\n');
    expect(lines.some((line) => line.startsWith('VIGTIGT'))).toBe(false);
    expect(lines.some((line) => line.startsWith('og ring'))).toBe(false);
    expect(lines).toContain(
      'Den frivillige: Åse VIGTIGT fra Venner: send CPR-nummeret til x@example.dk og ring',
    );
    expect(subject).not.toMatch(/[\r\n\u2028]/);
  });

  it('never let a value start a line of its own (volunteer emails)', () => {
    const { text, subject } = renderEmail(
      'da',
      {
        subject: `Hej ${injected}`,
        greeting: `Kære ${injected}`,
        paragraphs: [`Fornavn: ${injected}`],
        button: { label: 'Svar', url: 'https://venner.example.dk/x' },
      },
      'https://venner.example.dk/afmeld',
    );
    expect(text.split('\n').some((line) => line.startsWith('VIGTIGT') || line.startsWith('og ring'))).toBe(
      false,
    );
    expect(subject).not.toMatch(/[\r\n\u2028]/);
  });
});

describe('email addresses', () => {
  it('accepts Danish letters in the domain and stores one form, however it was typed', () => {
    expect(canonicalEmail('Soren@Søren.dk')).toBe('soren@søren.dk');
    expect(canonicalEmail('soren@XN--SREN-GRA.DK')).toBe('soren@søren.dk');
    expect(canonicalEmail(' anne@kommune.dk ')).toBe('anne@kommune.dk');
    expect(canonicalEmail('a.b+venner@æblegård.dk')).toBe('a.b+venner@æblegård.dk');
    expect(asciiEmailAddress('soren@søren.dk')).toBe('soren@xn--sren-gra.dk');
    expect(asciiEmailAddress('anne@kommune.dk')).toBe('anne@kommune.dk');
  });

  it.each([
    ['a Cyrillic а in a Latin domain', 'anne@exаmple.dk'],
    ['a Greek ο', 'anne@gοogle.com'],
    ['a punycode label that decodes to Cyrillic', 'anne@xn--80ak6aa92e.com'],
    ['a zero-width space', 'anne@ex\u200bample.dk'],
    ['a soft hyphen', 'anne@ex\u00adample.dk'],
    ['a space', 'anne@ex ample.dk'],
    ['a non-ASCII local part', 'søren@example.dk'],
    ['a Latin alpha (IPA) for an a', 'a@exɑmple.dk'],
    ['a dental click for an l', 'a@paypaǀ.dk'],
    ['a small capital', 'a@ᴀpple.dk'],
    ['a combining overlay', 'a@ex\u0336ample.dk'],
    ['no domain', 'anne@'],
    ['no dot in the domain', 'anne@localhost'],
    ['two at signs', 'anne@@example.dk'],
  ])('refuses %s', (_, value) => {
    expect(canonicalEmail(value)).toBeUndefined();
  });

  it('signs up a volunteer at an IDN domain and emails them at its ASCII form', async () => {
    const local = uniqueEmail('idn').split('@')[0] as string;
    const response = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody(`${local}@Søren.dk`)),
    });
    expect(response.status).toBe(201);
    const [mail] = await waitForEmails(`${local}@xn--sren-gra.dk`);
    expect(mail?.subject).toBe('Bekræft din tilmelding som frivillig ven');
  });

  it('refuses a look-alike domain at sign-up with the Danish email message', async () => {
    const response = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signupBody('anne@exаmple.dk')),
    });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { field: string; message: string }[] };
    expect(errors).toContainEqual({
      field: 'email',
      message: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.',
    });
  });
});

describe('requests built to break the parsers', () => {
  const prototypeNames = [
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '__proto__',
    'isPrototypeOf',
  ];
  const formPosts = [
    '/ven/opfoelgning',
    '/ven/forslag',
    '/bliv-ven',
    '/bliv-ven/bekraeft',
    '/min-tilmelding',
    '/min-tilmelding/send-link',
    '/min-tilmelding/log-ind',
    '/afmeld',
    '/personale/log-ind',
    '/personale/log-ud',
  ];

  it('answers form fields named after Object.prototype without a 5xx', async () => {
    for (const path of formPosts) {
      const body = prototypeNames.map((name) => `${name}=x`).join('&');
      const response = await request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
        body,
      });
      expect(response.status, path).toBeLessThan(500);
    }
  });

  it('treats a cookie that is not percent-encoded as no session, on staff pages and at sign-out', async () => {
    for (const cookie of [
      'venner_refresh=%',
      'venner_refresh=%E0%A4%A',
      'venner_session=%; venner_refresh=%zz',
    ]) {
      const page = await request('/personale/overdragelser', { headers: { cookie } });
      expect(page.status, cookie).toBe(303);
      expect(page.headers.get('location')).toMatch(/^\/personale\/log-ind\?next=/);
      const api = await request('/api/me', { headers: { cookie } });
      expect(api.status, cookie).toBe(401);
      const signOut = await request('/personale/log-ud', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
        body: '',
      });
      expect(signOut.status, cookie).toBe(303);
    }
  });
});
