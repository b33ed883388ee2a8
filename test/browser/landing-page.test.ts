import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { browserAvailable, expectAccessible, useBrowserContext } from '../support/browser.ts';
import { stack } from '../support/stack.ts';

describe.runIf(browserAvailable())('in Chromium', () => {
  const context = useBrowserContext();

  it('shows the Danish landing page, styled with the design system, with the journeys to come', async () => {
    const page = await context().newPage();
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    const response = await page.goto(`${stack.gatewayUrl}/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.title()).toBe('Forside · Venner');
    expect(await page.textContent('h1')).toBe('En ven, når man flytter til en ny kommune');
    const journeys = await page.locator('.venner-journey h2').allTextContents();
    expect(journeys).toEqual([
      'Bliv frivillig ven',
      'Hvor mangler der frivillige?',
      'Min tilmelding',
      'Log ind for medarbejdere',
    ]);
    // Every journey is open and linked to its page (none "Åbner snart").
    expect(
      await page
        .locator('.venner-journey h2 a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href'))),
    ).toEqual(['/bliv-ven', '/mangler-frivillige', '/min-tilmelding', '/personale/log-ind']);
    expect(await page.locator('.venner-soon').count()).toBe(0);
    // The design system's stylesheet and font loaded: body text is set in IBM Plex Sans.
    await page.evaluate(() => document.fonts.ready);
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('IBM Plex Sans');
    expect(await page.evaluate(() => document.fonts.check('16px "IBM Plex Sans"'))).toBe(true);
    expect(failed).toEqual([]);
    // For the README (copied to docs/screenshots when the page changes).
    await page.screenshot({ path: '.local/screenshots/landing-page.png', fullPage: true });
  });

  it('has no accessibility violations (axe, WCAG 2.1 AA)', async () => {
    const page = await context().newPage();
    await page.goto(`${stack.gatewayUrl}/`);
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it('lets a keyboard user skip straight to the content', async () => {
    const page = await context().newPage();
    await page.goto(`${stack.gatewayUrl}/`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Gå til sidens indhold',
    );
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#main-content$/);
  });

  it('has a 404 page without accessibility violations', async () => {
    const page = await context().newPage();
    const response = await page.goto(`${stack.gatewayUrl}/findes-ikke`);
    expect(response?.status()).toBe(404);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  it('takes a staff member from the sign-in page to a new password by keyboard, each step accessible and styled', async () => {
    const page = await context().newPage();
    await page.goto(`${stack.gatewayUrl}/personale/log-ind`);
    await page.getByRole('link', { name: 'Glemt adgangskode?' }).click();
    await page.waitForURL(/\/personale\/glemt-adgangskode$/);
    expect(await page.textContent('h1')).toBe('Glemt adgangskode');
    // The versioned stylesheet loaded: the design system's font is in use.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/IBM Plex Sans/);
    await expectAccessible(page);
    await page.getByLabel('E-mail', { exact: true }).fill('ingen@venner.local');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('h1')).toBe('Vælg en ny adgangskode');
    expect(await page.textContent('.alert')).toContain('Hvis ingen@venner.local er en medarbejder i Venner');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Gem den nye adgangskode' }).click();
    await expect.poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.locator('#error-summary').textContent()).toContain('Skriv de seks cifre fra e-mailen.');
    await expectAccessible(page);
  });

  it("opens the SES stand-in's mail viewer", async () => {
    const page = await context().newPage();
    const response = await page.goto(stack.mailViewerUrl);
    expect(response?.status()).toBe(200);
    expect(await page.title()).toMatch(/ses/i);
  });
});
