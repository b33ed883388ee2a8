import { describe, expect, it } from 'vitest';
import { addStaffUser } from '../../functions/adapters/staff-users.ts';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { cognitoClient, emailsTo, stack, uniqueEmail, waitForEmails } from '../support/stack.ts';
import { newStaffUser } from '../support/staff.ts';

describe.runIf(browserAvailable())('a caseworker in Chromium', () => {
  const context = useBrowserContext();

  it(
    'signs in, records a handover, sees the record and withdraws it; every staff page passes axe',
    async () => {
      // A caseworker of its own: the journey ends by signing out, which ends all of the user's sessions.
      const demo = await newStaffUser({ role: 'caseworker', centres: ['sandholm'] });
      const kommuneEmail = uniqueEmail('kommune');
      const page = await context().newPage();

      // Not signed in: the staff pages send you to the sign-in page and back.
      await page.goto(`${stack.gatewayUrl}/personale/overdragelser/ny`);
      await page.waitForURL(/\/personale\/log-ind\?next=/);
      await expectAccessible(page);
      await page.getByLabel('E-mail', { exact: true }).fill(demo.username);
      await page.getByLabel('Adgangskode', { exact: true }).fill(demo.password);
      await page.getByRole('button', { name: 'Log ind' }).click();
      await page.waitForURL(/\/personale\/overdragelser\/ny$/);
      expect(await page.textContent('h1')).toBe('Ny overdragelse');
      await expectAccessible(page);

      // A mistake first: the summary links to the fields, the values stay.
      await page.locator('#field-wantsContact').check();
      await page.getByRole('button', { name: 'Gem overdragelsen' }).click();
      await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
      expect(await page.title()).toBe('Fejl: Ny overdragelse · Venner');
      await expectAccessible(page);
      expect(await page.locator('#field-wantsContact').isChecked()).toBe(true);

      // The whole form.
      await page.getByLabel('Dato for samtalen', { exact: true }).fill('2026-11-18');
      await page.getByLabel('Modtagende kommune', { exact: true }).selectOption('201');
      await page.getByLabel('Informationstekst', { exact: true }).selectOption('2026-10-01');
      await page.getByLabel('Sprog for informationen', { exact: true }).selectOption('tigrinya');
      await page.locator('#field-interpreterUsed').check();
      await page.locator('#field-consentMethod-oral').check();
      await page.locator('#field-shareWithVolunteers').check();
      await page.locator('#field-shareWithKommune').check();
      await page.getByLabel('Navn', { exact: true }).fill('Browser Flygtning');
      await page.getByLabel('Telefon', { exact: true }).fill('42 42 42 42');
      await page.getByLabel('Fødselsår', { exact: true }).fill('1995');
      await page.getByLabel('Nationalitet', { exact: true }).fill('Eritreisk');
      await page.locator('#field-languages-tigrinya').check();
      await page.locator('#field-danishLevel-basic').check();
      await page.locator('#field-englishLevel').check();
      await page.locator('#field-household').check();
      await page.getByLabel('Forventet flyttedato', { exact: true }).fill('2026-12-15');
      await page.getByLabel('Kommunens sagsbehandler', { exact: true }).fill('Kim Kommune');
      await page.getByLabel('Sagsbehandlerens e-mail', { exact: true }).fill(kommuneEmail);
      await page.getByRole('button', { name: 'Gem overdragelsen' }).click();
      await page.waitForLoadState();
      // No errors this time (on failure, the summary's text says which field).
      expect(await page.locator('#error-summary').allTextContents()).toEqual([]);
      await page.waitForURL(/\/personale\/overdragelser\/[\w-]{32}\?gemt=1$/);
      expect(await page.textContent('h1')).toBe('Overdragelse: Browser Flygtning');
      await expect.poll(() => page.getByText('Overdragelsen er gemt.').isVisible()).toBe(true);
      await expectAccessible(page);
      const recordUrl = page.url().replace(/\?.*$/, '');

      // The kommune got the details; the record says so once the email is out.
      await waitForEmails(kommuneEmail);
      await page.goto(recordUrl);
      await expect.poll(() => page.getByText(/Kommunen har fået besked: Ja/).isVisible()).toBe(true);

      // The other staff pages of the record.
      for (const [suffix, heading] of [
        ['/ret', 'Ret oplysningerne'],
        ['/log', 'Log over adgang'],
        ['/indsigt', 'Indsigt: alt, hvad vi har gemt'],
      ] as const) {
        await page.goto(`${recordUrl}${suffix}`);
        expect(await page.textContent('h1')).toBe(heading);
        await expectAccessible(page);
      }
      await page.goto(`${stack.gatewayUrl}/personale/overdragelser`);
      expect(await page.getByRole('link', { name: 'Browser Flygtning' }).count()).toBeGreaterThan(0);
      await expectAccessible(page);
      await page.goto(`${stack.gatewayUrl}/personale`);
      await expectAccessible(page);

      // The refugee moves to another kommune after all: corrected, and the first kommune is told.
      const secondKommuneEmail = uniqueEmail('kommune-kbh');
      await page.goto(`${recordUrl}/ret`);
      await page.getByLabel('Modtagende kommune', { exact: true }).selectOption('101');
      await page.getByLabel('Sagsbehandlerens e-mail', { exact: true }).fill(secondKommuneEmail);
      await page.getByRole('button', { name: 'Gem rettelsen' }).click();
      await page.waitForURL(/\?rettet=1$/);
      await expect.poll(() => page.getByText('Rettelsen er gemt.').isVisible()).toBe(true);
      expect(await page.locator('main').textContent()).toContain('København');
      await expectAccessible(page);
      const moved = await waitForEmails(kommuneEmail, 2);
      const notice = moved.find((m) => m.subject.startsWith('Flytter ikke til Allerød'));
      expect(notice?.body.text).toContain('Slet venligst de oplysninger');
      expect(notice?.body.text).not.toContain('Browser Flygtning');
      const [details] = await waitForEmails(secondKommuneEmail);
      expect(details?.subject).toBe('Ny borger til København fra asylcenter: tilbud om en frivillig ven');

      // Withdrawal at the refugee's request.
      await page.goto(recordUrl);
      await page.getByRole('link', { name: 'Træk samtykket tilbage og slet oplysningerne' }).click();
      expect(await page.textContent('h1')).toBe('Træk samtykket tilbage');
      await expectAccessible(page);
      await page.getByLabel('Telefon', { exact: true }).check();
      await page.getByRole('button', { name: 'Træk samtykket tilbage og slet oplysningerne' }).click();
      await expect
        .poll(() => page.getByText('personoplysningerne er slettet').first().isVisible())
        .toBe(true);
      expect(await page.content()).not.toContain('Browser Flygtning');
      await expectAccessible(page);
      // Both kommune caseworkers who were sent the details are told to delete them.
      for (const address of [kommuneEmail, secondKommuneEmail])
        await expect
          .poll(async () =>
            (await emailsTo(address)).some((m) => m.subject.startsWith('Samtykke trukket tilbage')),
          )
          .toBe(true);

      // Sign out: the staff pages need a new sign-in.
      await page.getByRole('button', { name: 'Log ud' }).click();
      await page.waitForURL(/\/personale\/log-ind\?ud=1$/);
      await page.goto(`${stack.gatewayUrl}/personale`);
      await page.waitForURL(/\/personale\/log-ind/);
    },
    journeyTimeoutMs,
  );

  it(
    'shows a new staff member the new-password step and a declined handover its page, both accessible',
    async () => {
      const email = `browser.${Date.now().toString(36)}@venner.local`;
      await addStaffUser(cognitoClient(), stack.userPoolId, {
        email,
        role: 'caseworker',
        centres: ['sandholm'],
        temporaryPassword: 'Midlertidig-2026!',
      });
      const page = await context().newPage();
      await page.goto(`${stack.gatewayUrl}/personale/log-ind`);
      await page.getByLabel('E-mail', { exact: true }).fill(email);
      await page.getByLabel('Adgangskode', { exact: true }).fill('Midlertidig-2026!');
      await page.getByRole('button', { name: 'Log ind' }).click();
      await expect.poll(() => page.textContent('h1')).toBe('Vælg en ny adgangskode');
      await expectAccessible(page);
      await page.getByLabel('Ny adgangskode', { exact: true }).fill('Helt-Ny-Kode-2026!');
      await page.getByRole('button', { name: 'Fortsæt' }).click();
      // Created without a name: asked once, then named by it.
      await page.waitForURL(/\/personale\/navn\?next=/);
      expect(await page.textContent('h1')).toBe('Hvad hedder du?');
      await expectAccessible(page);
      await page.getByLabel('Dit fulde navn', { exact: true }).fill('Bo Browser');
      await page.getByRole('button', { name: 'Gem og fortsæt' }).click();
      await page.waitForURL(/\/personale$/);
      expect(await page.locator('.venner-sign-out').textContent()).toContain('Bo Browser');
      await page.getByRole('link', { name: 'Ny overdragelse', exact: true }).click();
      await page.getByLabel('Dato for samtalen', { exact: true }).fill('2026-11-19');
      await page.locator('#field-wantsContact-no').check();
      await page.getByLabel('Modtagende kommune', { exact: true }).selectOption('101');
      await page.getByRole('button', { name: 'Gem overdragelsen' }).click();
      await page.waitForURL(/\/personale\/overdragelser\/talt$/);
      expect(await page.textContent('h1')).toBe('Svaret er talt med');
      await expectAccessible(page);
    },
    journeyTimeoutMs,
  );
});
