import { describe, expect, it } from 'vitest';
import {
  type AdminChange,
  type AdministrationDeps,
  changeStaffAccount,
  createStaffUser,
  removeDigestContact,
} from '../../functions/domain/administration.ts';
import { pageSizeOf } from '../../functions/domain/paging.ts';
import {
  foldForSearch,
  nameKeys,
  phoneSearchKey,
  searchTermOf,
} from '../../functions/domain/search-terms.ts';
import { phoneText } from '../../functions/web/handover-texts.ts';
import { pageSummary } from '../../functions/web/list-parts.tsx';

describe('what a search box means', () => {
  it('folds case, accents and Danish letters alike in the name and the search', () => {
    expect(foldForSearch('Søren Ågård')).toBe('soren agard');
    expect(foldForSearch('SOEREN AAGAARD')).toBe('soren agard');
    expect(foldForSearch('  Æbelø-Hansen ')).toBe('aebelo hansen');
    expect(foldForSearch('José Müller')).toBe('jose muller');
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('محمد')).toBe('محمد');
  });

  it('indexes the whole name and the last word', () => {
    expect(nameKeys('Amal Al-Hassan')).toEqual({ nameFolded: 'amal al hassan', surnameFolded: 'hassan' });
    expect(nameKeys('Selam')).toEqual({ nameFolded: 'selam', surnameFolded: 'selam' });
    expect(nameKeys('  ')).toEqual({});
  });

  it('reads a phone number however it is typed, and not a part of one', () => {
    for (const typed of ['31 22 33 44', '31223344', '+45 3122 3344', '0045-31-22-33-44', '(+45) 31.22.33.44'])
      expect(phoneSearchKey(typed), typed).toBe('+4531223344');
    expect(phoneSearchKey('+46 70 123 45 67')).toBe('+46701234567');
    expect(phoneSearchKey('3344')).toBeUndefined();
    expect(searchTermOf('31 22 33 44')).toEqual({ phone: '+4531223344' });
    expect(searchTermOf('2233')).toBeUndefined();
  });

  it('takes an 8-character word as both a Venner-reference and a name, a longer text as a name', () => {
    expect(searchTermOf('rloiyijn')).toEqual({ reference: 'RLOIYIJN', name: 'rloiyijn' });
    expect(searchTermOf('Z13XYXLA')).toEqual({ reference: 'Z13XYXLA', name: 'z13xyxla' });
    expect(searchTermOf('Søren Å')).toEqual({ reference: undefined, name: 'soren a' });
    expect(searchTermOf('a')).toBeUndefined();
    expect(searchTermOf('   ')).toBeUndefined();
  });
});

describe('where a list is', () => {
  it('offers 25, 50 or 100 a page, 25 for anything else', () => {
    expect([pageSizeOf('50'), pageSizeOf('100'), pageSizeOf('7'), pageSizeOf(undefined)]).toEqual([
      50, 100, 25, 25,
    ]);
  });

  it('says where you are and of how many, in Danish numbers and plurals', () => {
    const page = (offset: number, count: number, total?: number) => ({
      items: Array.from({ length: count }),
      offset,
      total,
    });
    expect(pageSummary(page(25, 25, 5000), ['overdragelse', 'overdragelser'], false)).toBe(
      'Viser 26–50 af 5.000 overdragelser',
    );
    expect(pageSummary(page(0, 1, 1), ['overdragelse', 'overdragelser'], false)).toBe(
      'Viser 1 af 1 overdragelse',
    );
    expect(pageSummary(page(0, 3, 40), ['frivillig', 'frivillige'], true)).toBe(
      'Viser 1–3 af dem, der passer (40 frivillige i alt)',
    );
    expect(pageSummary(page(50, 25), ['match', 'match'], false)).toBe('Viser 51–75');
    expect(pageSummary(page(0, 0, 0), ['match', 'match'], false)).toBeUndefined();
  });

  it('writes phone numbers as people do', () => {
    expect(phoneText('+4531223344')).toBe('31 22 33 44');
    expect(phoneText('+46701234567')).toBe('+46 70 123 45 67');
    expect(phoneText('not a number')).toBe('not a number');
  });
});

describe('the administration', () => {
  const world = () => {
    const log: AdminChange[] = [];
    const names: [string, string][] = [];
    const deps: AdministrationDeps = {
      staff: {
        list: async () => [],
        create: async () => ({ created: true, sub: 'sub-1', temporaryPassword: 'Midl-x' }),
        setScope: async () => {},
        change: async (email, change) => `${change} ${email}`,
      },
      names: { setName: async (sub, name) => void names.push([sub, name]) },
      contacts: {
        listDigestContacts: async () => [],
        addDigestContact: async (kommuneCode, email, now) => ({
          kommuneCode,
          email,
          contactId: 'c',
          addedAt: now.toISOString(),
        }),
        removeDigestContact: async (_code, email) => email === 'der@kommune.dk',
        setQuietDigest: async () => {},
      },
      log: { record: async (change) => void log.push(change), recent: async () => log },
      now: () => new Date('2026-12-01T10:00:00Z'),
    };
    return { deps, log, names };
  };
  const admin = { sub: 'a', name: 'Anna Administrator' };

  it('logs who created whom with which role and scope, and keeps the name given', async () => {
    const { deps, log, names } = world();
    await createStaffUser(deps, admin, {
      email: 'ny@dfh.dk',
      name: 'Nina Ny',
      role: 'caseworker',
      centres: ['avnstrup'],
      kommuner: [],
      groups: [],
    });
    expect(log).toEqual([
      {
        at: '2026-12-01T10:00:00.000Z',
        actor: admin,
        what: 'Oprettede sagsbehandler ny@dfh.dk (centre: avnstrup)',
      },
    ]);
    expect(names).toEqual([['sub-1', 'Nina Ny']]);
  });

  it('logs account changes, and a removal only when there was something to remove', async () => {
    const { deps, log } = world();
    expect(await changeStaffAccount(deps, admin, 'k@kommune.dk', 'disable')).toBe('disable k@kommune.dk');
    expect(await removeDigestContact(deps, admin, '201', 'ingen@kommune.dk')).toBe(false);
    expect(await removeDigestContact(deps, admin, '201', 'der@kommune.dk')).toBe(true);
    expect(log.map((c) => c.what)).toEqual([
      'Deaktiverede k@kommune.dk',
      'Fjernede der@kommune.dk som modtager af ugebrevet for kommune 201',
    ]);
  });
});
