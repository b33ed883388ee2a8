import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer } from '../support/matching-fixture.ts';
import { linkIn, signIn, stack, waitForEmails } from '../support/stack.ts';

describe.runIf(browserAvailable())('a coordinator in Chromium', () => {
  const context = useBrowserContext();

  it(
    'opens a waiting refugee, takes the top suggestion, and the volunteer accepts from the email; every page passes axe',
    async () => {
      const name = `Hiba Browser ${Math.random().toString(36).slice(2, 7)}`;
      const created = await postJson(
        '/api/handovers',
        (await signIn('caseworker')).accessToken,
        consentedBody({ name, receivingKommune: '201' }),
      );
      const { id } = (await created.json()) as { id: string };
      // The best fit in Allerød: a friend family, a woman as wished, Arabic, the same postal code.
      const volunteer = await addConfirmedVolunteer({
        name: 'Birgitte Browser',
        kommuneCode: '201',
        postalCode: '3450',
        kind: 'family',
        adults: 2,
        children: 2,
        gender: 'woman',
        languages: ['arabic', 'danish'],
        helpWith: ['everyday-danish', 'authority-letters'],
      });
      const demo = stack.demoLogins.find((login) => login.role === 'coordinator');
      if (!demo) throw new Error('no demo coordinator');
      const page = await context().newPage();

      await page.goto(`${stack.gatewayUrl}/personale/matching?kommune=201`);
      await page.waitForURL(/\/personale\/log-ind\?next=/);
      await page.getByLabel('E-mail', { exact: true }).fill(demo.username);
      await page.getByLabel('Adgangskode', { exact: true }).fill(demo.password);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.waitForURL(/\/personale\/matching/);
      await page.goto(`${stack.gatewayUrl}/personale/matching?kommune=201`);
      expect(await page.textContent('h1')).toBe('Matching');
      await expectAccessible(page);

      // Many wait in Allerød: the coordinator finds her by name, typed without Danish letters' care.
      await page.getByLabel('Søg blandt dem, der venter').fill(name.toLowerCase());
      await page.getByRole('button', { name: 'Søg' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('passer til søgningen');
      await expectAccessible(page);
      await page.getByRole('link', { name }).click();
      await page.waitForURL(new RegExp(`/personale/matching/flygtning/${id}$`));
      expect(await page.textContent('h1')).toBe(name);
      await expectAccessible(page);
      const top = page.locator('.venner-suggestions > li').first();
      expect(await top.locator('h3').textContent()).toContain('Birgitte Browser');
      expect(await top.textContent()).toContain('Fælles sprog: arabisk');
      await top.getByRole('button', { name: /bedste forslag/ }).click();
      await page.waitForURL(/\/personale\/matching\/match\/[\w-]{32}\?foreslaaet=1$/);
      await expect.poll(() => page.getByText(/Forslaget er gemt/).isVisible()).toBe(true);
      await expectAccessible(page);
      const matchUrl = page.url().replace(/\?.*$/, '');

      // The volunteer answers from the email.
      const [proposal] = await waitForEmails(volunteer.email);
      if (!proposal) throw new Error('no proposal email');
      const volunteerPage = await context().newPage();
      await volunteerPage.goto(linkIn(proposal, 'http'));
      expect(await volunteerPage.textContent('h1')).toBe('Vil du være ven?');
      await expectAccessible(volunteerPage);
      await volunteerPage.getByRole('button', { name: 'Ja, det vil jeg gerne' }).click();
      await expect.poll(() => volunteerPage.textContent('h1')).toBe('Tak for dit ja');
      await expectAccessible(volunteerPage);

      await page.goto(matchUrl);
      await expect.poll(() => page.locator('.venner-facts').textContent()).toContain('Aktiv');
      await expectAccessible(page);
      await page.goto(`${stack.gatewayUrl}/personale/matching/plan?kommune=201`);
      expect(await page.textContent('h1')).toBe('Plan for Allerød');
      await expectAccessible(page);

      // The figures: the match just made is counted for Allerød this month, in the chart and the table.
      await page.getByRole('link', { name: 'Tal', exact: true }).click();
      await page.waitForURL(/\/personale\/tal$/);
      expect(await page.textContent('h1')).toBe('Tal for programmet');
      await page.getByLabel('Område').selectOption({ label: 'Allerød' });
      await page.getByRole('button', { name: 'Vis tal' }).click();
      await page.waitForURL(/omraade=kommune-201/);
      expect(await page.locator('svg[role="img"] title').textContent()).toBe(
        'Overdragelser og match pr. måned',
      );
      const lastMonth = page.locator('table').first().locator('tbody tr').last();
      expect(Number(await lastMonth.locator('td').nth(2).textContent())).toBeGreaterThanOrEqual(1);
      await expectAccessible(page);

      // The volunteer leaves the programme from the link in their email: the refugee waits again.
      const contact = (await waitForEmails(volunteer.email, 2)).find((m) =>
        m.subject.startsWith('Tak for dit ja'),
      );
      if (!contact) throw new Error('no contact email');
      await volunteerPage.goto(linkIn(contact, `${stack.gatewayUrl}/min-tilmelding/log-ind?token=`));
      await volunteerPage.getByRole('button', { name: 'Åbn min tilmelding' }).click();
      await volunteerPage.waitForURL(/\/min-tilmelding$/);
      await volunteerPage.getByLabel('Ja, slet min tilmelding og mine oplysninger').check();
      await volunteerPage.getByRole('button', { name: 'Slet mine oplysninger' }).click();
      await volunteerPage.waitForURL(/\/min-tilmelding\/slettet$/);
      expect(await volunteerPage.textContent('h1')).toBe('Dine oplysninger er slettet');
      await expectAccessible(volunteerPage);

      await page.goto(matchUrl);
      const facts = await page.locator('.venner-facts').textContent();
      expect(facts).toContain('Afsluttet');
      expect(facts).toContain('Den frivillige har forladt Venner');
      await expectAccessible(page);
      await page.goto(`${stack.gatewayUrl}/personale/matching?kommune=201`);
      await page.getByLabel('Søg blandt dem, der venter').fill(name);
      await page.getByRole('button', { name: 'Søg' }).click();
      await expect.poll(() => page.getByRole('link', { name }).count()).toBe(1);
    },
    journeyTimeoutMs,
  );
});
