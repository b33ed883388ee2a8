import { describe, expect, it } from 'vitest';
import { matchesRepository } from '../../functions/adapters/matches-repository.ts';
import { sendFollowUps } from '../../functions/domain/match-follow-ups.ts';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer, answerFromLink } from '../support/matching-fixture.ts';
import { documentClient, emailsTo, getItem, linkIn, signIn, stack, waitForEmails } from '../support/stack.ts';

describe.runIf(browserAvailable())('after the match, in Chromium', () => {
  const context = useBrowserContext();

  it(
    'the volunteer records a meeting and raises a concern from the email; the coordinator sees the task, records the call and closes the match; axe clean',
    async () => {
      const name = `Nour Tilsyn ${Math.random().toString(36).slice(2, 7)}`;
      const created = await postJson(
        '/api/handovers',
        (await signIn('caseworker')).accessToken,
        consentedBody({
          name,
          receivingKommune: '201',
          childrenAges: [],
          household: 'alone',
          adults: undefined,
        }),
      );
      expect(created.status).toBe(201);
      const { id: consentId } = (await created.json()) as { id: string };
      const volunteer = await addConfirmedVolunteer({
        name: 'Vibeke Vennesen',
        kommuneCode: '201',
        postalCode: '3450',
        kind: 'friend',
        languages: ['arabic', 'danish'],
      });
      const coordinatorToken = (await signIn('coordinator')).accessToken;
      const proposed = await postJson('/api/matches', coordinatorToken, {
        consentId,
        volunteerId: volunteer.id,
      });
      expect(proposed.status).toBe(201);
      const { id: matchId } = (await proposed.json()) as { id: string };
      const [proposal] = await waitForEmails(volunteer.email);
      await answerFromLink(linkIn(proposal as never, `${stack.gatewayUrl}/ven/forslag`), 'accept');
      // Two weeks on, the check-in job writes its email.
      const matches = matchesRepository(documentClient(), { ...stack.tables });
      const activeSince = Date.parse(
        String((await getItem(stack.tables.matches, { pk: `MATCH#${matchId}`, sk: 'MATCH' }))?.activeSince),
      );
      await sendFollowUps({ matches, now: () => new Date(activeSince + 15 * 24 * 3600 * 1000) }, ['201']);
      const checkIn = (await waitForEmails(volunteer.email, 3)).find((e) =>
        e.subject.startsWith('Hvordan går'),
      );
      if (!checkIn) throw new Error('no check-in email');

      // The volunteer, from the email: "Vi har mødtes", then a concern.
      const volunteerPage = await context().newPage();
      await volunteerPage.goto(linkIn(checkIn, `${stack.gatewayUrl}/ven/moede`));
      expect(await volunteerPage.textContent('h1')).toBe('Vi har mødtes');
      await expectAccessible(volunteerPage);
      await volunteerPage.getByRole('button', { name: 'Gem mødet' }).click();
      await expect.poll(() => volunteerPage.textContent('h1')).toBe('Mødet er gemt');
      expect(await volunteerPage.textContent('main')).toContain('jeres koordinator kan se det');
      await expectAccessible(volunteerPage);
      await volunteerPage.goto(linkIn(checkIn, `${stack.gatewayUrl}/ven/bekymring`));
      expect(await volunteerPage.textContent('h1')).toBe('Jeg er bekymret for …');
      await expectAccessible(volunteerPage);
      await volunteerPage
        .getByLabel('Hvad er du bekymret for?')
        .fill('Min ven har mistet sit arbejde og virker trist.');
      await volunteerPage.getByRole('button', { name: 'Send til min koordinator' }).click();
      await expect.poll(() => volunteerPage.textContent('h1')).toBe('Tak, fordi du siger det');
      await expectAccessible(volunteerPage);

      // The coordinator: the concern is an urgent task, named, at the top.
      const demo = stack.demoLogins.find((login) => login.role === 'coordinator');
      if (!demo) throw new Error('no demo coordinator');
      const page = await context().newPage();
      await page.goto(`${stack.gatewayUrl}/personale/opgaver?kommune=201`);
      await page.waitForURL(/\/personale\/log-ind\?next=/);
      await page.getByLabel('E-mail', { exact: true }).fill(demo.username);
      await page.getByLabel('Adgangskode', { exact: true }).fill(demo.password);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.waitForURL(/\/personale\/opgaver/);
      expect(await page.textContent('h1')).toBe('Dine opgaver');
      const concerns = page.locator('section', { has: page.locator('h2#concern') });
      const task = concerns.locator('li', { hasText: name });
      expect(await task.textContent()).toContain('Haster');
      expect(await task.textContent()).toContain(
        `${name} og Vibeke Vennesen: en bekymring er skrevet på matchet`,
      );
      await expectAccessible(page);
      await task.getByRole('link').click();
      await page.waitForURL(new RegExp(`/personale/matching/match/${matchId}$`));
      const timeline = page.locator('.venner-timeline');
      expect(await timeline.textContent()).toContain('Vi har mødtes');
      expect(await timeline.textContent()).toContain('Min ven har mistet sit arbejde og virker trist.');
      expect(await page.locator('.venner-facts').textContent()).toContain('1 møde i de første to uger');
      await expectAccessible(page);

      // After a phone call: the refugee's side.
      await page.getByText('Skriv flygtningens side efter en samtale').click();
      await page.getByLabel('Vi ses, men noget er svært').check();
      await page.getByLabel('Note (valgfri)').fill('Vil gerne have hjælp til jobsøgning.');
      await page.getByRole('button', { name: 'Gem flygtningens side' }).click();
      await page.waitForURL(/samtale=1$/);
      expect(await timeline.textContent()).toContain(
        'Flygtningens side (telefon, Karl Koordinator): „Vi ses, men noget er svært“',
      );
      await expectAccessible(page);

      // Closed: not planned, the volunteer has no time; the refugee wants a new friend.
      await page.getByText('Afslut matchet', { exact: true }).first().click();
      await page.getByLabel('Nej, ikke planlagt').check();
      await page.locator('#reason-volunteer-no-time').check();
      await page.getByLabel(/Flygtningen vil gerne have en ny ven/).check();
      await expectAccessible(page);
      await page.locator('.venner-end-match button[type="submit"]').click();
      await page.waitForURL(/aendret=1$/);
      expect(await page.locator('.venner-facts').textContent()).toContain('Afsluttet');
      expect(await timeline.textContent()).toContain(
        'Afsluttet (ikke planlagt) af den frivillige: har ikke tid længere',
      );
      await expectAccessible(page);

      // The concern is done from the list; the volunteer gets the exit survey.
      await page.goto(`${stack.gatewayUrl}/personale/opgaver?kommune=201`);
      await page
        .locator('section', { has: page.locator('h2#concern') })
        .locator('li', { hasText: name })
        .getByRole('button', { name: 'Udført' })
        .click();
      await expect.poll(() => page.getByText('Opgaven er markeret som udført.').isVisible()).toBe(true);
      expect(await page.locator('li', { hasText: `${name} og Vibeke Vennesen: en bekymring` }).count()).toBe(
        0,
      );
      await expectAccessible(page);
      await expect
        .poll(async () => (await emailsTo(volunteer.email)).some((e) => e.subject.includes('to spørgsmål')))
        .toBe(true);
    },
    journeyTimeoutMs,
  );
});
