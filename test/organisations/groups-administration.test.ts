import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { organisationsDirectory } from '../../functions/adapters/organisations-repository.ts';
import { projectRoot } from '../../infra/build-assets.ts';
import { privacyNoticeVersion } from '../../shared/volunteer-contract.ts';
import { addGroup, addOrganisation } from '../support/groups-fixture.ts';
import { postJson, recordHandover, staffToken } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import {
  documentClient,
  emailsTo,
  linkIn,
  newClientAddress,
  request,
  requestFrom,
  signIn,
  stack,
  uniqueEmail,
} from '../support/stack.ts';
import { postForm } from '../support/staff.ts';
import { volunteerByEmail } from '../support/volunteer-items.ts';

/**
 * The administrators' side of organisations and local groups: the screen and the command, the
 * activation list against seeded data, the sign-up's choice of group, and the figures per
 * organisation and group with their small-count rule.
 */

const db = documentClient();
const directory = organisationsDirectory(db, stack.tables.organisations);
const run = randomUUID().slice(0, 6);
const id = (name: string) => `${name}-${run}`;
let admin: string;
let caseworker: string;

/** A waiting refugee in a kommune, with no children (every volunteer is ready for them). */
const handover = (kommune: string, name: string) =>
  recordHandover(caseworker, { receivingKommune: kommune, name, childrenAges: [] });

beforeAll(async () => {
  admin = (await signIn('admin')).accessToken;
  caseworker = (await signIn('caseworker')).accessToken;
  await addOrganisation({ id: id('org-f'), name: `Forening F ${run}`, readiness: 'red-cross' });
  await addOrganisation({ id: id('org-g'), name: `Forening G ${run}`, readiness: 'other-association' });
});

describe('the administration screen', () => {
  it('adds an organisation and a group from its forms, and says in Danish what is wrong', async () => {
    const orgId = id('screen');
    const bad = await postForm(
      '/personale/administration/organisationer',
      { id: 'Ikke Et Id', name: '' },
      { token: admin },
    );
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('Skriv et id med små bogstaver');
    expect(badPage).toContain('Skriv navnet (2–100 tegn).');
    const saved = await postForm(
      '/personale/administration/organisationer',
      { id: orgId, name: `Skærmforeningen ${run}`, readiness: 'other-association' },
      { token: admin },
    );
    expect(saved.status).toBe(303);
    const groupForm = await (
      await request('/personale/administration/grupper/ny', { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(groupForm).toContain(`Skærmforeningen ${run}`);
    const missing = await postForm(
      '/personale/administration/grupper',
      { id: id('skaerm-1'), organisationId: orgId, name: 'S', email: 'ikke-en-mail' },
      { token: admin },
    );
    expect(missing.status).toBe(400);
    const missingPage = await missing.text();
    for (const message of [
      'Skriv gruppens navn',
      'Vælg mindst én kommune.',
      'Skriv en gyldig e-mail',
      'Vælg mindst én ting',
    ])
      expect(missingPage).toContain(message);
    const created = await postForm(
      '/personale/administration/grupper',
      [
        ['id', id('skaerm-1')],
        ['organisationId', orgId],
        ['name', `Skærmgruppen ${run}`],
        ['kommune', '450'],
        ['kommune', '479'],
        ['email', 'Skaerm@Example.dk'],
        ['phone', '87 65 43 21'],
        ['offers', 'friends'],
        ['offers', 'homework-help'],
        ['active', 'yes'],
      ],
      { token: admin },
    );
    expect(created.status).toBe(303);
    const [stored] = await directory.groups([id('skaerm-1')]);
    expect(stored).toMatchObject({
      organisationId: orgId,
      kommuner: ['450', '479'],
      email: 'skaerm@example.dk',
      phone: '+4587654321',
      active: true,
      offers: ['friends', 'homework-help'],
    });
    const list = await (
      await request('/personale/administration/organisationer', {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(list).toContain(`Skærmgruppen ${run}`);
    expect(list).toContain('Nyborg, Svendborg');
    // A group of an organisation that does not exist is refused.
    const orphan = await postForm(
      '/personale/administration/grupper',
      {
        id: id('orphan'),
        organisationId: 'findes-ikke',
        name: 'Forældreløs',
        kommune: '450',
        email: 'a@example.dk',
        offers: 'friends',
      },
      { token: admin },
    );
    expect(orphan.status).toBe(400);
    expect(await orphan.text()).toContain('Vælg en organisation, der findes.');
  });

  it("gives a coordinator a group from the staff form; their kommuner follow the group's", async () => {
    await addGroup({
      id: id('staff-group'),
      organisationId: id('org-f'),
      name: `Stabsgruppen ${run}`,
      kommuner: ['480'],
      active: true,
    });
    const email = `koordinator.${run}@venner.local`;
    const created = await postForm(
      '/personale/administration/medarbejdere',
      { email, role: 'coordinator', group: id('staff-group') },
      { token: admin },
    );
    expect(created.status).toBe(200);
    const page = await created.text();
    const password = /adgangskode (\S+) \(den skal/.exec(page)?.[1];
    expect(password).toBeDefined();
    const overview = await (
      await request('/personale/administration', { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(overview).toContain(`Stabsgruppen ${run}`);
    // Without a group or a kommune, a coordinator is refused.
    const none = await postForm(
      '/personale/administration/medarbejdere',
      { email: `ingen.${run}@venner.local`, role: 'coordinator' },
      { token: admin },
    );
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('mindst én lokal gruppe eller kommune');
  });
});

describe('npm run organisations', () => {
  const exec = promisify(execFile);
  /** Against the test stack (its endpoints in a stack file, as `npm start` writes). */
  const command = async (...args: string[]) => {
    const stackFile = path.join(mkdtempSync(path.join(tmpdir(), 'venner-orgs-')), 'stack.json');
    writeFileSync(stackFile, JSON.stringify(stack));
    try {
      const { stdout, stderr } = await exec(
        process.execPath,
        ['--import', 'tsx', 'scripts/organisations.ts', ...args, '--stack-file', stackFile],
        {
          cwd: projectRoot,
          env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
        },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('imports organisations and groups from a file, reports what it skipped, lists and activates', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'venner-orgs-')), 'groups.json');
    writeFileSync(
      file,
      JSON.stringify({
        organisations: [{ id: id('cmd-org'), name: `Kommandoforeningen ${run}` }],
        groups: [
          {
            id: id('cmd-1'),
            organisationId: id('cmd-org'),
            name: `Kommandogruppe ${run}`,
            kommuner: ['482'],
            email: 'k@example.dk',
            offers: ['friends'],
            active: false,
          },
          {
            id: 'Forkert Id',
            organisationId: id('cmd-org'),
            name: 'X',
            kommuner: [],
            email: 'x',
            offers: [],
          },
        ],
      }),
    );
    const imported = await command('import', '--file', file);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain('Gemt: 2. Sprunget over: 1.');
    expect(imported.stderr).toContain('groups[1]');
    const listed = await command('list');
    expect(listed.stdout).toContain(`Kommandoforeningen ${run} (${id('cmd-org')})`);
    expect(listed.stdout).toMatch(new RegExp(`${id('cmd-1')}\\s+hviler Kommandogruppe ${run}: Langeland`));
    const activated = await command('activate', '--group', id('cmd-1'), '--kommune', '492');
    expect(activated.stdout).toContain(`Kommandogruppe ${run} er aktiv og dækker nu Ærø.`);
    const [stored] = await directory.groups([id('cmd-1')]);
    expect(stored).toMatchObject({ active: true, kommuner: ['482', '492'] });
  });
});

describe('the activation list', () => {
  it('lists a kommune where refugees wait and no group is active, with the nearest groups: its own, the neighbours, the region', async () => {
    // Rebild (840) borders Mariagerfjord (846); Frederikshavn (813) is in the region, not a neighbour.
    await addGroup({
      id: id('rebild'),
      organisationId: id('org-f'),
      name: `Rebild hviler ${run}`,
      kommuner: ['840'],
      active: false,
    });
    await addGroup({
      id: id('mariager'),
      organisationId: id('org-g'),
      name: `Mariagerfjord aktiv ${run}`,
      kommuner: ['846'],
      active: true,
    });
    await addGroup({
      id: id('frederikshavn'),
      organisationId: id('org-f'),
      name: `Frederikshavn aktiv ${run}`,
      kommuner: ['813'],
      active: true,
    });
    await handover('840', `Venter i Rebild ${run}`);
    const page = await (
      await request('/personale/administration/aktivering', { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    const start = page.indexOf('>Rebild</h2>');
    expect(start).toBeGreaterThan(0);
    const rebild = page.slice(start, page.indexOf('</li></ul></li>', start));
    expect(rebild).toContain('ingen aktiv gruppe');
    const order = [`Rebild hviler ${run}`, `Mariagerfjord aktiv ${run}`, `Frederikshavn aktiv ${run}`].map(
      (name) => rebild.indexOf(name),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(rebild).toContain('dækker kommunen, men er ikke aktiv');
    expect(rebild).toContain('dækker en nabokommune: Mariagerfjord');
    expect(rebild).toContain('i samme region');
    // Activating the neighbour's group for Rebild: it covers Rebild from now on, and the row goes.
    const activated = await postForm(
      '/personale/administration/aktivering',
      { group: id('mariager'), kommune: '840' },
      { token: admin },
    );
    expect(activated.status).toBe(303);
    const [mariager] = await directory.groups([id('mariager')]);
    expect(mariager?.kommuner).toEqual(['840', '846']);
    const after = await (
      await request('/personale/administration/aktivering', { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(after).not.toContain('>Rebild</h2>');
    const log = await (
      await request('/personale/administration', { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(log).toContain(
      `Aktiverede gruppen Mariagerfjord aktiv ${run} (${id('mariager')}) for kommune 840`,
    );
  });
});

describe('signing up with a local group', () => {
  const fields = (email: string, extra: [string, string][] = []): [string, string][] => [
    ['language', 'da'],
    ['privacyNoticeVersion', privacyNoticeVersion],
    ['renderedAt', String(Date.now() - 60_000)],
    ['website', ''],
    ['name', 'Karim Gruppe'],
    ['email', email],
    ['kommuneCode', '370'],
    ['postalCode', '4700'],
    ['kind', 'friend'],
    ['languages', 'danish'],
    ['helpWith', 'homework'],
    ['meetingFrequency', 'weekly'],
    ['capacity', '1'],
    ['organisation', 'red-cross'],
    ['consent', 'true'],
    ...extra,
  ];
  const post = (body: [string, string][]) =>
    requestFrom(newClientAddress(), '/bliv-ven', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.gatewayUrl },
      body: new URLSearchParams(body).toString(),
    });

  beforeAll(async () => {
    await addGroup({
      id: id('naestved-f'),
      organisationId: id('org-f'),
      name: `Næstved F ${run}`,
      kommuner: ['370'],
      active: true,
    });
    await addGroup({
      id: id('naestved-g'),
      organisationId: id('org-g'),
      name: `Næstved G ${run}`,
      kommuner: ['370'],
      active: true,
      offers: ['language-cafe'],
    });
    await addGroup({
      id: id('naestved-sover'),
      organisationId: id('org-g'),
      name: `Næstved sover ${run}`,
      kommuner: ['370'],
      active: false,
    });
  });

  it('offers the active groups of the kommune on step 2, and stores the one chosen', async () => {
    const step2 = await (await post([...fields(uniqueEmail('trin')), ['step', '1']])).text();
    expect(step2).toContain('Hvilken lokal gruppe vil du være frivillig i?');
    expect(step2).toContain('Den gruppe, der passer bedst');
    expect(step2).toContain(`Næstved F ${run} (Forening F ${run}): venner`);
    expect(step2).toContain(`Næstved G ${run} (Forening G ${run}): sprogcafé`);
    expect(step2).not.toContain(`Næstved sover ${run}`);
    const email = uniqueEmail('valgt');
    expect((await post(fields(email, [['group', id('naestved-g')]]))).status).toBe(303);
    expect(await volunteerByEmail(email)).toMatchObject({ groupId: id('naestved-g') });
  });

  it("gives 'the group that fits best' one that offers friends, and refuses a group that does not cover the kommune", async () => {
    // Of the two active groups only F offers friends: every one of five sign-ups goes there (not one in two).
    for (let n = 0; n < 5; n++) {
      const email = uniqueEmail('bedst');
      expect((await post(fields(email, [['group', 'best-fit']]))).status).toBe(303);
      expect(await volunteerByEmail(email)).toMatchObject({ groupId: id('naestved-f') });
    }
    const refused = uniqueEmail('forkert');
    const answer = await post(fields(refused, [['group', id('naestved-sover')]]));
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Gruppen dækker ikke den kommune, du har valgt.');
    expect(await volunteerByEmail(refused)).toBeUndefined();
  });

  it('takes a group in the JSON API too', async () => {
    const email = uniqueEmail('api');
    const response = await requestFrom(newClientAddress(), '/api/volunteers', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Api Gruppe',
        email,
        kommuneCode: '370',
        postalCode: '4700',
        kind: 'friend',
        languages: ['danish'],
        helpWith: ['homework'],
        meetingFrequency: 'weekly',
        organisation: 'none',
        consent: true,
        privacyNoticeVersion,
        group: id('naestved-g'),
      }),
    });
    expect(response.status).toBe(201);
    expect(await volunteerByEmail(email)).toMatchObject({ groupId: id('naestved-g') });
  });
});

describe('figures per organisation and group', () => {
  it('counts volunteers, matches and recruitment per group, with 1 and 2 shown as "under 3"', async () => {
    await addGroup({
      id: id('guldborgsund-f'),
      organisationId: id('org-f'),
      name: `Guldborgsund F ${run}`,
      kommuner: ['376'],
      active: true,
    });
    await addGroup({
      id: id('guldborgsund-g'),
      organisationId: id('org-g'),
      name: `Guldborgsund G ${run}`,
      kommuner: ['376'],
      active: true,
    });
    const coordinator = await staffToken({ role: 'coordinator', groups: [id('guldborgsund-f')] });
    const ofF = [];
    for (let n = 0; n < 4; n++)
      ofF.push(
        await addConfirmedVolunteer(
          { kommuneCode: '376', postalCode: '4800', kind: 'friend' },
          { groupId: id('guldborgsund-f') },
        ),
      );
    await addConfirmedVolunteer(
      { kommuneCode: '376', postalCode: '4800' },
      { groupId: id('guldborgsund-g') },
    );
    await addConfirmedVolunteer({ kommuneCode: '376', postalCode: '4800' });
    // One match made by F's volunteer (proposed, then accepted from the email).
    const consentId = await handover('376', `Guldborgsund Match ${run}`);
    const friend = ofF[0];
    const proposed = await postJson('/api/matches', coordinator, { consentId, volunteerId: friend?.id });
    expect(proposed.status).toBe(201);
    let proposal: Awaited<ReturnType<typeof emailsTo>>[number] | undefined;
    for (let tries = 0; tries < 200 && !proposal; tries++) {
      proposal = (await emailsTo(friend?.email ?? '')).find((e) => e.body.text?.includes('/ven/forslag?'));
      if (!proposal) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(
      (await answerFromLink(linkIn(proposal as never, `${stack.gatewayUrl}/ven/forslag`), 'accept')).status,
    ).toBe(200);

    const json = (await (
      await request('/api/figures?area=kommune-376', { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as {
      byOrganisation: {
        name: string;
        figures: Record<string, unknown>;
        groups: { name: string; figures: Record<string, unknown> }[];
      }[];
    };
    const f = json.byOrganisation.find((o) => o.name === `Forening F ${run}`);
    // Four volunteers, one now taken (three available), one match.
    expect(f?.figures).toMatchObject({ volunteersNow: 4, availableNow: 3, matchesMade: 'under 3' });
    expect(f?.groups).toEqual([expect.objectContaining({ name: `Guldborgsund F ${run}` })]);
    const g = json.byOrganisation.find((o) => o.name === `Forening G ${run}`);
    expect(g?.figures).toMatchObject({ volunteersNow: 'under 3', matchesMade: 0 });
    expect(json.byOrganisation.find((o) => o.name === 'Ikke tildelt en gruppe')?.figures).toMatchObject({
      volunteersNow: 'under 3',
    });
    const csv = await (
      await request('/personale/tal/eksport?omraade=kommune-376&type=groups', {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).text();
    expect(csv).toContain(`Forening F ${run};(alle grupper);4;3;under 3`);
    expect(csv).toContain(`Forening F ${run};Guldborgsund F ${run};4;3;under 3`);
    const page = await (
      await request('/personale/tal?omraade=kommune-376', { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(page).toContain('Pr. organisation og lokal gruppe i perioden');
    expect(page).toContain(`– Guldborgsund G ${run}`);
  });
});
