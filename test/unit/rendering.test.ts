import { describe, expect, it } from 'vitest';
import type { HandoverRecord } from '../../functions/domain/handover.ts';
import { renderEmail, renderStaffEmail } from '../../functions/email/layout.tsx';
import { csvDate, toCsv } from '../../functions/web/csv.ts';
import { integer, list, text } from '../../functions/web/form-values.ts';
import { formValuesOf, handoverFromForm, refugeeDetailsFromForm } from '../../functions/web/handover-form.ts';
import { proposalFacts } from '../../functions/web/proposal-facts.ts';
import { compact, detailsFromForm, signupFromForm } from '../../functions/web/volunteer-form.ts';

/** What people read and what forms send: CSV for Excel, form values, the emails' text and HTML. */

describe('CSV for Excel', () => {
  const lines = (csv: string) => csv.slice(1).split('\r\n');

  it('separates by semicolons, starts with a byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(
      ['Navn', 'Dage'],
      [
        ['Åse', 3],
        [undefined, 0],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines(csv)).toEqual(['Navn;Dage', 'Åse;3', ';0', '']);
  });

  it('quotes cells with a semicolon, a quote or a line break', () => {
    expect(lines(toCsv(['a'], [['x;y'], ['say "hi"'], ['two\nlines'], ['cr\rhere']]))).toEqual([
      'a',
      '"x;y"',
      '"say ""hi"""',
      '"two\nlines"',
      `"'cr\rhere"`.replace(`"'`, '"'),
      '',
    ]);
  });

  it('guards every cell that starts like a formula, and leaves plain signed numbers alone', () => {
    const hostile = ['=HYPERLINK("x")', '+A1', '-2+3', '@SUM(A1)', '\tx', '\r=1'];
    const [, ...rows] = lines(
      toCsv(
        ['a'],
        hostile.map((h) => [h]),
      ),
    );
    for (const [i, row] of rows.slice(0, hostile.length).entries()) {
      const unquoted = row.startsWith('"') ? row.slice(1, -1).replace(/""/g, '"') : row;
      expect(unquoted, hostile[i]).toBe(`'${hostile[i]}`);
    }
    expect(lines(toCsv(['a'], [['+4520304050'], ['-5'], ['42'], ['Anne=Bo']]))).toEqual([
      'a',
      '+4520304050',
      '-5',
      '42',
      'Anne=Bo',
      '',
    ]);
  });

  it('writes dates as Excel reads them in Denmark', () => {
    expect(csvDate('2026-11-21')).toBe('21-11-2026');
    expect(csvDate('2026-11-30T23:30:00Z')).toBe('01-12-2026');
    expect(csvDate(undefined)).toBe('');
  });
});

describe('form values', () => {
  it('read text, numbers and lists as the JSON API has them', () => {
    expect(text('  x ')).toBe('x');
    expect(text(['a', 'b'])).toBe('a');
    expect(text('   ')).toBeUndefined();
    expect(text(undefined)).toBeUndefined();
    expect(integer('12')).toBe(12);
    expect(integer('-3')).toBe(-3);
    expect(integer('1.5')).toBe('1.5');
    expect(integer('')).toBeUndefined();
    expect(list(undefined)).toEqual([]);
    expect(list('a')).toEqual(['a']);
    expect(list(['a', 'b'])).toEqual(['a', 'b']);
    expect(compact({ a: 1, b: undefined, c: '' })).toEqual({ a: 1, c: '' });
  });

  it('read a volunteer’s form, a family’s numbers only for a family', () => {
    const values = {
      name: ' Åse ',
      kind: 'family',
      adults: '2',
      children: '1',
      languages: ['danish', 'arabic'],
      capacity: '',
      arrivalAlerts: 'no',
      organisation: 'other-association',
      organisationName: 'Foreningen',
      email: 'a@b.dk',
      consent: 'true',
      heardFrom: 'news',
    };
    expect(signupFromForm(values)).toMatchObject({
      name: 'Åse',
      kind: 'family',
      adults: 2,
      children: 1,
      languages: ['danish', 'arabic'],
      helpWith: [],
      capacity: 1,
      arrivalAlerts: false,
      organisationName: 'Foreningen',
      email: 'a@b.dk',
      consent: true,
      heardFrom: 'news',
    });
    const friend = detailsFromForm({
      kind: 'friend',
      adults: '2',
      children: '1',
      organisation: 'red-cross',
      organisationName: 'x',
    });
    expect([friend.adults, friend.children, friend.organisationName, friend.arrivalAlerts]).toEqual([
      undefined,
      undefined,
      undefined,
      true,
    ]);
    expect(signupFromForm({ consent: 'yes' }).consent).toBeUndefined();
    expect(detailsFromForm({ capacity: '3' }).capacity).toBe(3);
  });

  it('read a handover form; a "no" keeps only the interview, whatever else was typed', () => {
    const no = handoverFromForm({
      submissionKey: 'k',
      centreId: 'sandholm',
      interviewDate: '2026-11-16',
      receivingKommune: '201',
      wantsContact: 'no',
      name: 'Ikke gemt',
    });
    expect(no).toEqual({
      submissionKey: 'k',
      centreId: 'sandholm',
      interviewDate: '2026-11-16',
      receivingKommune: '201',
      wantsContact: false,
    });
    expect(handoverFromForm({ wantsContact: 'maybe' })).toMatchObject({ wantsContact: 'maybe' });
    const yes = handoverFromForm({
      wantsContact: 'yes',
      interpreterUsed: 'yes',
      shareWithVolunteers: 'yes',
      shareWithKommune: 'no',
      household: 'family',
      adults: '2',
      childrenAges: '3, 7;12',
      name: 'Amal',
    });
    expect(yes).toMatchObject({
      wantsContact: true,
      interpreterUsed: true,
      shareWithVolunteers: true,
      shareWithKommune: false,
      adults: 2,
      childrenAges: [3, 7, 12],
      preferredVolunteerGender: 'any',
      name: 'Amal',
    });
    expect(refugeeDetailsFromForm({ household: 'family', childrenAges: 'tre' }).childrenAges).toBe('tre');
    expect(refugeeDetailsFromForm({ household: 'family', childrenAges: '123' }).childrenAges).toBe('123');
    expect(refugeeDetailsFromForm({ household: 'family' }).childrenAges).toEqual([]);
    expect(refugeeDetailsFromForm({ household: 'alone', adults: '2', childrenAges: '3' })).toMatchObject({
      adults: undefined,
      childrenAges: [],
    });
    expect(refugeeDetailsFromForm({ preferredVolunteerGender: 'woman' }).preferredVolunteerGender).toBe(
      'woman',
    );
  });

  it('turn a stored record back into the correction form’s values', () => {
    expect(
      formValuesOf({
        name: 'Amal',
        childrenAges: [3, 7],
        languages: ['arabic'],
        birthYear: 1990,
        email: undefined,
      }),
    ).toEqual({
      name: 'Amal',
      childrenAges: '3, 7',
      languages: ['arabic'],
      birthYear: '1990',
      email: undefined,
    });
  });
});

describe('emails', () => {
  it('render a staff email as escaped HTML and text, each value on its line', () => {
    const email = renderStaffEmail({
      to: 'k@kommune.dk',
      subject: 'Ny <borger>',
      intro: 'Kære Karen',
      lead: 'Der er nyt.',
      rows: [
        ['Navn', '<img src=x onerror=alert(1)>'],
        ['Telefon', '+4520304050'],
      ],
      after: 'Svar ikke.',
    });
    expect(email.to).toBe('k@kommune.dk');
    expect(email.subject).toBe('Ny <borger>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(email.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(email.html).toContain('<html lang="da">');
    expect(email.text).toBe(
      [
        'Kære Karen',
        '',
        'Der er nyt.',
        '',
        'Navn: <img src=x onerror=alert(1)>',
        'Telefon: +4520304050',
        '',
        'Svar ikke.',
      ].join('\n'),
    );
  });

  it('render a volunteer email with its button, link and unsubscribe, in their language', () => {
    const email = renderEmail(
      'en',
      {
        subject: 'Hello',
        greeting: 'Dear Åse',
        paragraphs: ['One', 'Two <b>'],
        button: { label: 'Open', url: 'https://venner.example.dk/x?token=1' },
        after: 'Thanks',
      },
      'https://venner.example.dk/afmeld?token=2',
    );
    expect(email.subject).toBe('Hello');
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('href="https://venner.example.dk/x?token=1"');
    expect(email.html).toContain('href="https://venner.example.dk/afmeld?token=2"');
    expect(email.html).toContain('Two &lt;b>');
    expect(email.text).toBe(
      [
        'Dear Åse',
        '',
        'One',
        '',
        'Two <b>',
        '',
        'Open: https://venner.example.dk/x?token=1',
        '',
        'Thanks',
        '',
        '--',
        'You get this email because your address was used to sign up as a volunteer friend with Venner (Red Cross and Danish Refugee Council).',
        'Unsubscribe from all emails from Venner: https://venner.example.dk/afmeld?token=2',
      ].join('\n'),
    );
    const danish = renderEmail(
      'da',
      { subject: 's', greeting: 'g', paragraphs: [], button: { label: 'b', url: 'u' } },
      'x',
    );
    expect(danish.text).toContain('Afmeld alle e-mails fra Venner: x');
    expect(danish.text).not.toContain('\n\n\n');
  });

  it('tell a volunteer only what they need to decide on a proposal: no surname, phone or address', () => {
    const record = {
      kommuneCode: '201',
      person: {
        name: 'Amal Haddad',
        phone: '+4520304050',
        household: 'family',
        adults: 2,
        childrenAges: [9, 4],
        languages: ['arabic'],
        otherLanguages: 'Kurmanji',
        newAddress: 'Skovvej 3, 3450 Allerød',
        helpWith: ['homework'],
        danishLevel: 'basic',
        englishLevel: 'good',
        expectedMovingDate: '2026-12-15',
      },
    } as unknown as HandoverRecord;
    const now = new Date('2026-12-01T10:00:00Z');
    expect(proposalFacts(record, 'da', now)).toEqual([
      'Fornavn: Amal',
      'Husstand: En familie med 2 voksne og 2 børn (4 og 9 år)',
      'Sprog: Arabisk, Kurmanji',
      'Taler dansk lidt, engelsk godt',
      'Område: Allerød (3450)',
      'Flytter til kommunen 15. december 2026',
      'Vil gerne have hjælp til: Børnenes lektier',
    ]);
    expect(proposalFacts(record, 'en', now)).toEqual([
      'First name: Amal',
      'Household: A family of 2 adults and 2 children (aged 4 and 9)',
      'Languages: Arabic, Kurmanji',
      'Speaks Danish a little, English well',
      'Area: Allerød (3450)',
      'Moves to the municipality on 15 December 2026',
      'Would like help with: Children’s homework',
    ]);
    // Once the day has passed, the move is told as done.
    expect(proposalFacts(record, 'da', new Date('2026-12-20T10:00:00Z'))).toContain(
      'Flyttede til kommunen 15. december 2026',
    );
    const alone = {
      kommuneCode: '101',
      person: {
        name: 'Bo',
        household: 'alone',
        childrenAges: [],
        languages: [],
        helpWith: [],
        danishLevel: 'none',
        englishLevel: 'fluent',
      },
    } as unknown as HandoverRecord;
    expect(proposalFacts(alone, 'da', now)).toEqual([
      'Fornavn: Bo',
      'Husstand: Én person',
      'Sprog: ',
      'Taler dansk ikke endnu, engelsk flydende',
      'Område: København',
    ]);
    const oneChild = {
      kommuneCode: '101',
      person: { name: 'C', household: 'family', adults: 1, childrenAges: [2], languages: [], helpWith: [] },
    } as unknown as HandoverRecord;
    expect(proposalFacts(oneChild, 'da', now)[1]).toBe('Husstand: En familie med 1 voksen og 1 barn (2 år)');
    expect(proposalFacts(oneChild, 'en', now)[1]).toBe('Household: A family of 1 adult and 1 child (aged 2)');
    const noKids = {
      ...oneChild,
      person: { ...oneChild.person, childrenAges: [] },
    } as unknown as HandoverRecord;
    expect(proposalFacts(noKids, 'da', now)[1]).toBe('Husstand: En familie med 1 voksen');
  });
});
