import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { privacyNoticeVersion } from '../../shared/volunteer-contract.ts';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { documentClient, emailsTo, linkIn, stack, uniqueEmail } from '../support/stack.ts';

describe.runIf(browserAvailable())('a volunteer in Chromium', () => {
  const context = useBrowserContext();

  it(
    'signs up with the keyboard, confirms from the email, manages and deletes the sign-up',
    async () => {
      const email = uniqueEmail('browser');
      const page = await context().newPage();
      await page.goto(`${stack.gatewayUrl}/bliv-ven?kommune=751`);
      await expectAccessible(page);
      await page.screenshot({ path: '.local/screenshots/signup-page.png', fullPage: true });

      // First a mistake: the error summary appears at the top, and its links lead to the fields.
      await page.getByLabel('Navn', { exact: true }).fill('Jonas Friis');
      await page.getByRole('button', { name: 'Meld mig som frivillig ven' }).click();
      await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
      expect(await page.title()).toBe('Fejl: Bliv frivillig ven · Venner');
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Skriv din e-mailadresse.' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-email');
      expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Jonas Friis');

      // Then the whole form, as a person fills it, using the keyboard for the choices.
      await page.getByLabel('E-mail', { exact: true }).fill(email);
      await page.getByLabel(/^Telefon/).fill('31 41 59 26');
      expect(await page.getByLabel('Kommune', { exact: true }).inputValue()).toBe('751');
      await page.getByLabel('Postnummer', { exact: true }).fill('8000');
      await page.getByLabel('Ven (én person)').check();
      await page.getByLabel('Dansk', { exact: true }).check();
      await page.getByLabel('Arabisk').check();
      await page.getByLabel('Jobsøgning (fx jobnet og joblog)').focus();
      await page.keyboard.press('Space');
      await page.getByLabel('Hver anden uge (anbefalet)').check();
      await page.getByLabel('Røde Kors', { exact: true }).check();
      await page.getByLabel(/Jeg giver samtykke/).check();
      await page.waitForTimeout(3_000);
      await page.getByRole('button', { name: 'Meld mig som frivillig ven' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/bliv-ven\/tak$/);
      expect(await page.textContent('h1')).toBe('Tak for din tilmelding');
      await expectAccessible(page);

      // The confirmation link from the email, as the SES stand-in received it.
      await expect.poll(async () => (await emailsTo(email)).length).toBe(1);
      const [mail] = await emailsTo(email);
      await page.goto(linkIn(mail as never, `${stack.gatewayUrl}/bliv-ven/bekraeft?token=`));
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Bekræft min tilmelding' }).click();
      await page.waitForURL(/\/min-tilmelding\?bekraeftet=1$/);
      expect(await page.textContent('[role=status]')).toContain('Din tilmelding er bekræftet');
      expect(await page.textContent('#volunteer-status')).toBe('Du er klar til en ny ven.');
      await expectAccessible(page);
      await page.screenshot({ path: '.local/screenshots/my-signup-page.png', fullPage: true });

      await page.getByRole('button', { name: 'Sæt på pause' }).click();
      await page.waitForURL(/gemt=1/);
      expect(await page.textContent('#volunteer-status')).toContain('sat på pause');

      await page.getByLabel('Ja, slet min tilmelding og mine oplysninger').check();
      await page.getByRole('button', { name: 'Slet mine oplysninger' }).click();
      await page.waitForURL(/\/min-tilmelding\/slettet$/);
      expect(await page.textContent('h1')).toBe('Dine oplysninger er slettet');
      await expectAccessible(page);
      // The session is gone: the page now asks for an email address.
      await page.goto(`${stack.gatewayUrl}/min-tilmelding`);
      expect(await page.textContent('h1')).toBe('Min tilmelding');
      expect(await page.getByLabel('E-mail', { exact: true }).isVisible()).toBe(true);
      await expectAccessible(page);
    },
    journeyTimeoutMs,
  );

  it(
    'has accessible pages for the figures, the English form, the privacy notice and the link steps',
    async () => {
      const page = await context().newPage();
      // Each page is the page it should be (its title), not only accessible: a test that passed
      // while /privatliv served the landing page checked axe alone.
      for (const [path, title] of [
        ['/mangler-frivillige', /^Hvor mangler der frivillige\? · Venner$/],
        ['/mangler-frivillige?region=1082&lang=en', /^Where are volunteers missing\? · Venner$/],
        ['/bliv-ven?lang=en', /^Become a volunteer friend · Venner$/],
        ['/privatliv', /^Privatlivserklæring · Venner$/],
        ['/privatliv?lang=en', /^Privacy notice · Venner$/],
        ['/min-tilmelding/link-sendt', /^Tjek din e-mail · Venner$/],
        ['/afmeld?token=x', /^Afmeld e-mails · Venner$/],
      ] as const) {
        const response = await page.goto(`${stack.gatewayUrl}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.title(), path).toMatch(title);
        expect(await page.title(), path).not.toBe('Forside · Venner');
        await expectAccessible(page);
      }
      await page.goto(`${stack.gatewayUrl}/privatliv`);
      const notice = (await page.textContent('main')) ?? '';
      for (const part of [
        'Hvem behandler dine oplysninger',
        'Hvor længe',
        'Dine rettigheder',
        'Datatilsynet',
      ])
        expect(notice).toContain(part);
      expect(notice).toContain(`Version ${privacyNoticeVersion}`);
      // Waiting refugees arrive with the handover work; a few are counted here so the figures show a gap.
      const db = documentClient();
      for (const [code, waiting] of [
        ['101', 42],
        ['751', 17],
        ['461', 9],
        ['851', 2],
      ] as const) {
        await db.send(
          new UpdateCommand({
            TableName: stack.tables.kommuner,
            Key: { pk: 'KOMMUNE', sk: code },
            UpdateExpression: 'ADD waitingRefugees :n',
            ExpressionAttributeValues: { ':n': waiting },
          }),
        );
      }
      // (A different URL than the first visit: the figures may be cached for a minute.)
      await page.goto(`${stack.gatewayUrl}/mangler-frivillige?region=`);
      expect(await page.locator('tbody tr').first().locator('th').textContent()).toBe('København');
      await page.screenshot({ path: '.local/screenshots/missing-volunteers-page.png', fullPage: false });
      await page.getByLabel('Region').selectOption({ label: 'Region Nordjylland' });
      await page.getByRole('button', { name: 'Vis' }).click();
      await page.waitForURL(/region=1081/);
      expect(await page.locator('tbody tr').count()).toBe(11);
    },
    journeyTimeoutMs,
  );
});
