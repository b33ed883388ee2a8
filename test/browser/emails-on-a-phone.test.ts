import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestSources } from '../../functions/adapters/digest-sources.ts';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { outboxRepository } from '../../functions/adapters/outbox-repository.ts';
import { staffDirectory } from '../../functions/adapters/staff-directory.ts';
import { taskPorts } from '../../functions/adapters/task-ports.ts';
import { writeTaskEmails } from '../../functions/domain/coordinator-tasks.ts';
import { referenceOf } from '../../functions/domain/handover.ts';
import { writeWeeklyDigests } from '../../functions/domain/kommune-digest.ts';
import { sendFollowUps } from '../../functions/domain/match-follow-ups.ts';
import { renderDigest } from '../../functions/email/digest-template.tsx';
import { browserAvailable, journeyTimeoutMs, useBrowserContext } from '../support/browser.ts';
import { addGroup, addOrganisation } from '../support/groups-fixture.ts';
import { consentedBody, postJson, staffToken } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import { signupBody } from '../support/signup-fixture.ts';
import {
  documentClient,
  linkIn,
  request,
  type StoredEmail,
  signIn,
  stack,
  uniqueEmail,
  waitForEmails,
} from '../support/stack.ts';
import { postForm } from '../support/staff.ts';

/**
 * Every kind of email as people get it, made by the real flows against the local services and
 * read in Chromium at 390 px: nothing wider than the screen (long links and addresses wrap), every
 * action a button, and the facts each email promises. Screenshots go to .local/screenshots/emails.
 */

const kommune = '336'; // Stevns: this test's own, so its digest holds only what the test made.
const subOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).sub as string;

describe.runIf(browserAvailable())('emails on a phone', () => {
  const context = useBrowserContext();

  /** Opens an email's HTML at 390 px; fails if anything is wider than the screen. */
  const readOnPhone = async (mail: StoredEmail | undefined, name: string) => {
    expect(mail, name).toBeDefined();
    const page = await context().newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.setContent(mail?.body.html ?? '', { waitUntil: 'load' });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    mkdirSync('.local/screenshots/emails', { recursive: true });
    await page.screenshot({ path: `.local/screenshots/emails/${name}.png`, fullPage: true });
    expect(width, `${name} is ${width} px wide`).toBeLessThanOrEqual(390);
    const buttons = await page
      .locator('a[style*="display:inline-block"]')
      .evaluateAll((links) => links.map((a) => a.textContent?.trim() ?? ''));
    await page.close();
    return { text: mail?.body.text ?? '', html: mail?.body.html ?? '', buttons };
  };

  it(
    'are readable at 390 px, with buttons, and say what each promises',
    async () => {
      const caseworker = (await signIn('caseworker')).accessToken;
      const coordinatorEmail = uniqueEmail('karl.koordinator.med.en.lang.adresse');
      const coordinator = await staffToken({
        role: 'coordinator',
        kommuner: [kommune],
        email: coordinatorEmail,
      });
      await staffDirectory(documentClient(), stack.tables.staff).remember(
        subOf(coordinator),
        coordinatorEmail,
        new Date(),
        'Karl Koordinator',
        [kommune],
      );

      // A sign-up's confirmation.
      const volunteerEmail = uniqueEmail('en.frivillig.med.en.meget.lang.adresse.til.telefonen');
      const signedUp = await request('/api/volunteers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signupBody(volunteerEmail, { kommuneCode: kommune, postalCode: '4660' })),
      });
      expect(signedUp.status).toBe(201);
      const [confirmation] = await waitForEmails(volunteerEmail);
      const confirm = await readOnPhone(confirmation, 'signup-confirmation');
      expect(confirm.buttons.length).toBeGreaterThanOrEqual(1);

      // A handover the kommune's caseworker hears about, moving in a fortnight.
      const moving = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      const caseworkerEmail = uniqueEmail('sagsbehandler.stevns');
      const body = consentedBody({
        receivingKommune: kommune,
        expectedMovingDate: moving,
        kommuneCaseworkerEmail: caseworkerEmail,
        newAddress: 'Rådhusvej 1, 4660 Store Heddinge',
      });
      const recorded = await postJson('/api/handovers', caseworker, body);
      expect(recorded.status).toBe(201);
      const consentId = ((await recorded.json()) as { id: string }).id;
      const [handoverMail] = await waitForEmails(caseworkerEmail);
      await readOnPhone(handoverMail, 'kommune-handover');

      // The proposal: what a friendship involves, when they move, the household, the coordinator, three answers.
      const volunteer = await addConfirmedVolunteer({ kommuneCode: kommune, postalCode: '4660' });
      const proposed = await postJson('/api/matches', coordinator, { consentId, volunteerId: volunteer.id });
      expect(proposed.status).toBe(201);
      const matchId = ((await proposed.json()) as { id: string }).id;
      const [proposalMail] = await waitForEmails(volunteer.email);
      const proposal = await readOnPhone(proposalMail, 'match-proposal');
      expect(proposal.buttons).toEqual([
        'Ja, det vil jeg gerne',
        'Ikke lige nu',
        'Nej tak til dette forslag',
      ]);
      expect(proposal.text).toContain('mindst et halvt år');
      expect(proposal.text).toContain('hver anden uge');
      expect(proposal.text).toMatch(/Flytter til kommunen \d+\. \w+ \d{4}/);
      expect(proposal.text).not.toContain('lige er flyttet');
      expect(proposal.text).toContain('Husstand: En familie med 2 voksne og 2 børn (4 og 9 år)');
      expect(proposal.text).toContain(`Din koordinator er Karl Koordinator (${coordinatorEmail})`);
      // Each button opens the confirm page with its answer chosen first.
      const notNow = new URL(linkIn(proposalMail as StoredEmail, `${stack.gatewayUrl}/ven/forslag?`));
      expect(notNow.searchParams.get('svar')).toBe('accept');

      // Yes: the contact details (with the move and the Danish level) and the kommune's "has a friend".
      expect((await answerFromLink(notNow.toString(), 'accept')).status).toBe(200);
      const mails = await waitForEmails(volunteer.email, 2);
      const contact = await readOnPhone(
        mails.find((m) => m.subject.startsWith('Tak for dit ja')),
        'match-contact',
      );
      expect(contact.text).toContain('Husstand: En familie med 2 voksne og 2 børn (4 og 9 år)');
      expect(contact.text).not.toMatch(/Husstand: [^\n]*:/);
      expect(contact.text).toMatch(/Flytter til kommunen \d+\. \w+ \d{4}/);
      expect(contact.text).toContain('Taler dansk lidt, engelsk godt');
      const kommuneMails = await waitForEmails(caseworkerEmail, 2);
      const hasFriend = await readOnPhone(
        kommuneMails.find((m) => m.subject.endsWith('har fået en frivillig ven')),
        'kommune-match',
      );
      expect(hasFriend.text).toContain(`Borger: ${body.name}`);
      expect(hasFriend.text).toContain(`${body.name}, som kommunen fik oplysninger om`);

      // The check-in after six weeks: four distinct answers as buttons, then "we have met" and a concern.
      const matches = matchesRepository(documentClient(), stack.tables);
      const activeSince = Date.parse((await matches.get(matchId))?.activeSince ?? '');
      await sendFollowUps({ matches, now: () => new Date(activeSince + 43 * 24 * 3600 * 1000) }, [kommune]);
      const followUpMail = (await waitForEmails(volunteer.email, 3)).find((m) =>
        m.subject.includes('seks uger'),
      );
      const followUp = await readOnPhone(followUpMail, 'match-follow-up');
      expect(followUp.buttons).toEqual([
        'Vi ses jævnligt, og det går godt',
        'Vi ses, men noget er svært',
        'Vi har mistet kontakten',
        'Vi er holdt op med at ses',
        'Vi har mødtes',
        'Jeg er bekymret for …',
      ]);
      expect(followUp.text).toContain('Har I mødtes? Skriv det her, hver gang I ses');
      expect(followUp.text).not.toMatch(/ét klik/i);
      expect(followUp.html).not.toContain(`>${stack.gatewayUrl}`);

      // A "no" reaches the coordinator; a withdrawal reaches the kommune. Buttons, not raw links.
      const second = await postJson(
        '/api/handovers',
        caseworker,
        consentedBody({ receivingKommune: kommune, phone: '29999999' }),
      );
      const secondId = ((await second.json()) as { id: string }).id;
      const other = await addConfirmedVolunteer({ kommuneCode: kommune, postalCode: '4660' });
      expect(
        (await postJson('/api/matches', coordinator, { consentId: secondId, volunteerId: other.id })).status,
      ).toBe(201);
      const [otherProposal] = await waitForEmails(other.email);
      expect(
        (
          await answerFromLink(
            linkIn(otherProposal as StoredEmail, `${stack.gatewayUrl}/ven/forslag?`),
            'decline',
          )
        ).status,
      ).toBe(200);
      const declined = (await waitForEmails(coordinatorEmail)).find((m) =>
        m.subject.startsWith('Forslaget blev afslået'),
      );
      const declinedMail = await readOnPhone(declined, 'match-declined');
      expect(declinedMail.buttons).toEqual(['Find en ny ven']);
      expect(declinedMail.html).not.toContain(`>${stack.gatewayUrl}`);
      expect(
        (await postJson(`/api/handovers/${consentId}/withdrawal`, caseworker, { requestedVia: 'phone' }))
          .status,
      ).toBeLessThan(300);
      const withdrawn = (await waitForEmails(caseworkerEmail, 3)).find((m) =>
        m.subject.startsWith('Samtykke trukket tilbage'),
      );
      await readOnPhone(withdrawn, 'kommune-withdrawal');

      // A closure: the volunteer's exit survey, one button.
      const third = await postJson(
        '/api/handovers',
        caseworker,
        consentedBody({ receivingKommune: kommune, phone: '28888888' }),
      );
      const thirdId = ((await third.json()) as { id: string }).id;
      const leaving = await addConfirmedVolunteer({ kommuneCode: kommune, postalCode: '4660' });
      const thirdMatch = await postJson('/api/matches', coordinator, {
        consentId: thirdId,
        volunteerId: leaving.id,
      });
      const thirdMatchId = ((await thirdMatch.json()) as { id: string }).id;
      const [leavingProposal] = await waitForEmails(leaving.email);
      await answerFromLink(
        linkIn(leavingProposal as StoredEmail, `${stack.gatewayUrl}/ven/forslag?`),
        'accept',
      );
      expect(
        (
          await postJson(`/api/matches/${thirdMatchId}/actions`, coordinator, {
            action: 'end',
            planned: false,
            endedBy: 'refugee',
            reason: 'moved',
          })
        ).status,
      ).toBe(200);
      const survey = await readOnPhone(
        (await waitForEmails(leaving.email, 3)).find((m) => m.subject.includes('to spørgsmål')),
        'match-exit-survey',
      );
      expect(survey.buttons).toEqual(['Svar på to spørgsmål']);

      // The coordinator's Monday email: counts per kind and one button, no names.
      await writeTaskEmails(
        {
          ...taskPorts(
            {
              TABLE_TASKS: stack.tables.tasks,
              TABLE_CONSENTS: stack.tables.consents,
              TABLE_VOLUNTEERS: stack.tables.volunteers,
            },
            documentClient(),
          ),
          coordinators: {
            of: async (code) =>
              code === kommune ? [{ sub: subOf(coordinator), email: coordinatorEmail }] : [],
          },
          outbox: outboxRepository(documentClient(), stack.tables.outbox),
          // Seven weeks on: the refugees of this test have waited over 30 days (the withdrawn one's check-in task went with the withdrawal).
          now: () => new Date(activeSince + 51 * 24 * 3600 * 1000),
        },
        [kommune],
      );
      const tasksMail = await readOnPhone(
        (await waitForEmails(coordinatorEmail, 2)).find((m) => m.subject.startsWith('Dine opgaver')),
        'coordinator-tasks',
      );
      expect(tasksMail.buttons).toEqual(['Åbn dine opgaver']);
      expect(tasksMail.text).toContain('Kære Karl Koordinator');
      expect(tasksMail.text).toMatch(/Flygtninge, der har ventet over 30 dage: \d+/);
      expect(tasksMail.text).not.toContain('Check-ins uden svar i 7 dage');

      // A volunteer moved to another local group: told so, with the new group's contact.
      await addOrganisation({ id: 'stevns-org', name: 'Røde Kors', readiness: 'red-cross' });
      for (const [id, name] of [
        ['stevns-rk', 'Røde Kors Stevns'],
        ['stevns-frivilliggruppen', 'Frivilliggruppen for Stevns, Faxe og Omegn'],
      ] as const)
        await addGroup({
          id,
          organisationId: 'stevns-org',
          name,
          kommuner: [kommune],
          email: `${id}.kontakt.med.en.lang.adresse@rodekors.example.dk`,
          phone: '56 50 00 00',
          active: true,
          offers: ['friends', 'language-cafe'],
        });
      const movedVolunteer = await addConfirmedVolunteer(
        { kommuneCode: kommune, postalCode: '4660' },
        { groupId: 'stevns-rk' },
      );
      const groupCoordinator = await staffToken({ role: 'coordinator', groups: ['stevns-rk'] });
      const moved = await postForm(
        `/personale/matching/frivillige/${movedVolunteer.id}/gruppe`,
        { group: 'stevns-frivilliggruppen' },
        { token: groupCoordinator },
      );
      expect(moved.status).toBe(303);
      const movedMail = await readOnPhone((await waitForEmails(movedVolunteer.email))[0], 'group-changed');
      expect(movedMail.buttons).toEqual(['Åbn min tilmelding']);
      expect(movedMail.text).toContain(
        'Du kan kontakte gruppen på stevns-frivilliggruppen.kontakt.med.en.lang.adresse@rodekors.example.dk eller 56 50 00 00.',
      );

      // The weekly digest with a realistic queue: 40 more waiting, each listed once.
      const digestContact = uniqueEmail('digest.stevns');
      const kommuner = kommunerRepository(documentClient(), stack.tables.kommuner);
      await kommuner.addDigestContact(kommune, digestContact, new Date());
      const waiting: string[] = [];
      for (let i = 0; i < 40; i++) {
        const response = await postJson(
          '/api/handovers',
          caseworker,
          consentedBody({
            receivingKommune: kommune,
            name: `Person Nummer${i} Efternavnsen-Langenavn`,
            phone: `2${String(i).padStart(7, '0')}`,
          }),
        );
        waiting.push(((await response.json()) as { id: string }).id);
      }
      const monday = new Date(Date.now() + 7 * 24 * 3600 * 1000);
      await writeWeeklyDigests({
        sources: digestSources(documentClient(), stack.tables),
        outbox: outboxRepository(documentClient(), stack.tables.outbox),
        now: () => monday,
      });
      const [digestMail] = await waitForEmails(digestContact);
      const digest = await readOnPhone(digestMail, 'kommune-digest');
      for (const id of waiting) expect(digest.text.split(referenceOf(id)).length - 1, id).toBe(1);
      expect(digest.text).toContain('Karl Koordinator');
      // The kommune's active local groups, what they offer, and how to reach them.
      expect(digest.text).toContain(
        '- Frivilliggruppen for Stevns, Faxe og Omegn (Røde Kors): venner, sprogcafé. stevns-frivilliggruppen.kontakt.med.en.lang.adresse@rodekors.example.dk, 56 50 00 00',
      );
      // The friendships' outcomes of the last twelve months, against mentoring's line.
      expect(digest.text).toContain('Sluttede før et halvt år (i mentorprogrammer 30–38 %): 100 %');
      expect(digest.text).toContain('Hyppigste grund til en tidlig afslutning: Flygtningen: flyttet');
      expect(digest.buttons).toEqual(['Se tallene for alle kommuner', 'Skift eller stop ugebrevet']);
      const settings = linkIn(digestMail as StoredEmail, `${stack.gatewayUrl}/ugebrev?token=`);
      expect((await request(settings.slice(stack.gatewayUrl.length))).status).toBe(200);
    },
    journeyTimeoutMs * 2,
  );

  it('keeps a large kommune’s digest of 150 people compact on a phone, each person on two short lines', async () => {
    const people = Array.from({ length: 150 }, (_, i) => ({
      reference: `REF${String(i).padStart(5, '0')}`,
      name: `Fornavn${i} Efternavn`,
      adults: 1 + (i % 3),
      children: i % 4,
      movingDate: '2026-11-20',
      daysWaiting: i,
      status: 'waiting',
      isNew: i < 20,
    }));
    const digest = {
      kommuneCode: '101',
      kommuneName: 'København',
      week: '2026-W49',
      since: '2026-11-22T23:00:00.000Z',
      until: '2026-11-29T23:00:00.000Z',
      newArrivals: people.slice(0, 20).map((p) => ({ ...p, recordedAt: '2026-11-25T10:00:00Z' })),
      waiting: people.map((p) => ({
        ...p,
        waitingSince: '2026-11-01T10:00:00Z',
        daysWaiting: p.daysWaiting,
      })),
      people,
      coordinators: [{ name: 'Karl Koordinator', email: 'karl@rodekors.example.dk' }],
      groups: [
        {
          id: 'rk-koebenhavn',
          name: 'Røde Kors København',
          organisation: 'Røde Kors',
          offers: ['friends', 'language-cafe'] as const,
          email: 'koebenhavn@rodekors.example.dk',
          phone: '+4512345678',
        },
      ],
      matchesMade: 3,
      activeMatches: 40,
      availableVolunteers: 10,
      waitingRefugees: 150,
      gap: 140,
      quiet: false,
    };
    const { html, text } = renderDigest(digest, {
      publicPage: 'https://venner.dk/mangler-frivillige',
      settings: 'https://venner.dk/ugebrev?token=x',
    });
    const page = await context().newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.setContent(html);
    const [width, height] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.scrollHeight,
    ]);
    await page.screenshot({
      path: '.local/screenshots/emails/kommune-digest-koebenhavn.png',
      fullPage: true,
    });
    expect(width).toBeLessThanOrEqual(390);
    // Two lines a person, under 48 px (the earlier rows of "term: value" pairs took twice that).
    const rows = await page
      .locator('.digest-person')
      .evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    expect(rows).toHaveLength(150);
    expect(Math.max(...rows)).toBeLessThan(48);
    expect(height).toBeLessThan(150 * 48 + 1500);
    const lines = await page.locator('.digest-phone').allTextContents();
    expect(lines[0]).toBe('1 voksen · flytter 20. nov. · ny, venter 0 dage');
    expect(lines[1]).toBe('2 voksne, 1 barn · flytter 20. nov. · ny, venter 1 dag');
    expect(text.split('Fornavn7 Efternavn').length - 1).toBe(1);
    await page.close();
  });
});
