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

      // First a mistake: the error summary appears at the top, in the form's order (the e-mail,
      // the second question, first), and its links lead to the fields.
      expect(await page.textContent('.venner-step')).toBe('Trin 1 af 2: Om dig, og hvad du kan tilbyde');
      // Step 1 asks what decides a match, nothing of a friend family.
      expect(await page.getByLabel('Hvor mange voksne er I?').count()).toBe(0);
      await page.getByLabel('Hvad hedder du?').fill('Jonas Friis');
      await page.getByRole('button', { name: 'Fortsæt til sidste trin' }).click();
      await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
      expect(await page.title()).toBe('Fejl: Bliv frivillig ven (Trin 1 af 2) · Venner');
      const summary = await page.locator('#error-summary li').allTextContents();
      expect(summary[0]).toBe('Skriv din e-mailadresse.');
      expect(summary).toEqual([
        'Skriv din e-mailadresse.',
        'Skriv dit postnummer.',
        'Vælg, om du vil være ven eller venskabsfamilie.',
        'Vælg mindst én ting, du gerne vil hjælpe med.',
        'Vælg, hvor ofte I kan mødes.',
      ]);
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Skriv din e-mailadresse.' }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-email');
      expect(await page.getByLabel('Hvad hedder du?').inputValue()).toBe('Jonas Friis');

      // Then step 1, as a person fills it, using the keyboard for the choices.
      await page.getByLabel('Hvad er din e-mailadresse?').fill(email);
      await page.getByLabel(/^Hvad er dit telefonnummer\?/).fill('31 41 59 26');
      expect(await page.getByLabel('Hvilken kommune bor du i?').inputValue()).toBe('751');
      await page.getByLabel('Hvad er dit postnummer?').fill('8000');
      await page.getByLabel('Ven (én person)').check();
      await page.getByLabel('Dansk', { exact: true }).check();
      await page.getByLabel('Arabisk').check();
      await page.getByLabel('Jobsøgning (fx jobnet og joblog)').focus();
      await page.keyboard.press('Space');
      await page.getByLabel('Hver anden uge (anbefalet)').check();
      await page.getByRole('button', { name: 'Fortsæt til sidste trin' }).click();

      // Step 2: the rest, the consent; a friend is asked nothing of a family. Back keeps the answers.
      await expect.poll(() => page.textContent('.venner-step')).toBe('Trin 2 af 2: De sidste spørgsmål');
      expect(await page.textContent('main')).toContain(
        `Du melder dig som ven i Aarhus. Vi skriver til ${email}.`,
      );
      expect(await page.getByLabel('Hvor mange voksne er I?').count()).toBe(0);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Tilbage og ret' }).click();
      await expect.poll(() => page.getByLabel('Hvad er dit postnummer?').inputValue()).toBe('8000');
      expect(await page.getByLabel('Arabisk').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Fortsæt til sidste trin' }).click();
      await expect.poll(() => page.textContent('.venner-step')).toBe('Trin 2 af 2: De sidste spørgsmål');
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
      expect(await page.textContent('#volunteer-status')).toBe(
        'Du er klar til en ny ven. Vi giver dig besked, når en flygtning i din kommune passer til dig.',
      );
      await expectAccessible(page);
      await page.screenshot({ path: '.local/screenshots/my-signup-page.png', fullPage: true });

      // One state, one primary action: a pause says how long, and the page says until when.
      expect(await page.locator('.venner-actions .button-primary').allTextContents()).toEqual(['Hold pause']);
      await page.getByLabel('2 uger').check();
      await page.getByRole('button', { name: 'Hold pause' }).click();
      await page.waitForURL(/gemt=pause/);
      expect(await page.textContent('[role=status]')).toMatch(
        /^Du holder nu pause til og med \d+\. \w+ \d{4}\.$/,
      );
      expect(await page.textContent('#volunteer-status')).toMatch(/^Du holder pause til og med /);
      expect(await page.locator('.venner-actions .button-primary').allTextContents()).toEqual([
        'Jeg er klar igen nu',
      ]);
      expect(await page.locator('.venner-actions button').count()).toBe(1);
      await expectAccessible(page);
      // A change of details says what changed.
      await page.getByLabel('Tysk').check();
      await page.getByRole('button', { name: 'Gem ændringer' }).click();
      await page.waitForURL(/gemt=update/);
      expect(await page.textContent('[role=status]')).toBe('Vi har gemt dine ændringer af sprog.');

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
        ['/bliv-ven?lang=en', /^Become a volunteer friend \(Step 1 of 2\) · Venner$/],
        ['/privatliv', new RegExp(`^Privatlivserklæring for frivillige ${privacyNoticeVersion} · Venner$`)],
        [
          '/privatliv?lang=en',
          new RegExp(`^Privacy notice for volunteers ${privacyNoticeVersion} · Venner$`),
        ],
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
        'Hvem er dataansvarlig?',
        'Hvor længe gemmer vi oplysningerne?',
        'Dine rettigheder, og hvordan du bruger dem',
        'Datatilsynet',
      ])
        expect(notice).toContain(part);
      expect(notice).toContain(`Version ${privacyNoticeVersion}. Det er den gældende version.`);
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
      expect(await page.locator('tbody tr').first().locator('th a').textContent()).toBe(
        'Meld dig i København',
      );
      await page.screenshot({ path: '.local/screenshots/missing-volunteers-page.png', fullPage: false });
      await page.getByLabel('Region').selectOption({ label: 'Region Nordjylland' });
      await page.getByRole('button', { name: 'Vis' }).click();
      await page.waitForURL(/region=1081/);
      // Nordjylland's 11 kommuner: those with someone waiting or available in the table (Aalborg), the rest in a list.
      // (Other tests share the stack: which of the others have volunteers is theirs.)
      const listed = await page.locator('tbody tr th').allTextContents();
      expect(listed).toContain('Meld dig i Aalborg');
      expect(listed.length + (await page.locator('.venner-quiet-kommuner a').count())).toBe(11);
      // The map shows all 98, Nordjylland's 11 outlined, each a link to the sign-up there.
      expect(await page.locator('.venner-map svg a').count()).toBe(98);
      expect(await page.locator('.venner-map-kommune:not(.venner-map-dim)').count()).toBe(11);
      await expectAccessible(page);
      expect(await page.textContent('.font-lead')).toMatch(/^I Region Nordjylland mangler der /);
    },
    journeyTimeoutMs,
  );
});
