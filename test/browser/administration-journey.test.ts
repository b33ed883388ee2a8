import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { stack } from '../support/stack.ts';

/**
 * The administrator's journey in Chromium: create a caseworker on the screen, who signs in with
 * the temporary password and chooses their own; disable them, and they are out at once and cannot
 * sign in again; every step in the administration log. A digest contact is added and removed.
 */

const signInAs = async (page: Page, username: string, password: string) => {
  await page.goto(`${stack.gatewayUrl}/personale/log-ind`);
  await page.getByLabel('E-mail', { exact: true }).fill(username);
  await page.getByLabel('Adgangskode', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
};

describe.runIf(browserAvailable())('an administrator in Chromium', () => {
  const context = useBrowserContext();

  it(
    'creates a caseworker who signs in, then disables them and they cannot',
    async () => {
      const admin = stack.demoLogins.find((login) => login.role === 'admin');
      if (!admin) throw new Error('no demo admin');
      const page = await context().newPage();
      await signInAs(page, admin.username, admin.password);
      await page.waitForURL(/\/personale$/);
      await page.getByRole('link', { name: 'Administration' }).first().click();
      await page.waitForURL(/\/personale\/administration$/);
      expect(await page.textContent('h1')).toBe('Administration');
      await expectAccessible(page);

      // A bad e-mail and no centre: told in Danish what to fix, nothing created.
      await page.getByLabel('Arbejdsmail').fill('ikke-en-mail');
      await page.getByLabel('Sagsbehandler på asylcenter').check();
      await page.getByRole('button', { name: 'Opret medarbejder' }).click();
      const summary = await page.locator('#error-summary').textContent();
      expect(summary).toContain('Skriv en gyldig arbejdsmail');
      expect(summary).toContain('En sagsbehandler skal have mindst ét asylcenter');
      await expectAccessible(page);

      const email = `ny.sagsbehandler.${randomUUID().slice(0, 8)}@dfh.example.dk`;
      await page.getByLabel('Arbejdsmail').fill(email);
      await page.getByLabel('Fulde navn').fill('Nina Ny Sagsbehandler');
      await page.getByLabel('Sagsbehandler på asylcenter').check();
      await page.getByLabel('Center Avnstrup').check();
      await page.getByRole('button', { name: 'Opret medarbejder' }).click();
      const notice = (await page.locator('.alert').first().textContent()) ?? '';
      expect(notice).toContain(`${email} er oprettet`);
      const temporary = /adgangskode (\S+) \(/.exec(notice)?.[1];
      if (!temporary) throw new Error(`no temporary password in: ${notice}`);
      const row = page.locator('#medarbejdere ~ table').first().locator('tr', { hasText: email });
      expect(await row.textContent()).toContain('Inviteret, har ikke logget ind endnu');
      expect(await row.textContent()).toContain('Center Avnstrup');

      // The new caseworker signs in and chooses a password; the header names them.
      const theirs = await context().browser()?.newContext();
      if (!theirs) throw new Error('no browser');
      const caseworker = await theirs.newPage();
      await signInAs(caseworker, email, temporary);
      await caseworker.getByLabel('Ny adgangskode', { exact: true }).fill('Nina-Ny-Adgang-2026!');
      await caseworker.getByRole('button', { name: /Gem|Skift|Fortsæt/ }).click();
      await caseworker.waitForURL(/\/personale$/);
      expect(await caseworker.locator('.venner-sign-out').textContent()).toContain('Nina Ny Sagsbehandler');
      await caseworker.goto(`${stack.gatewayUrl}/personale/overdragelser`);
      expect(await caseworker.textContent('h1')).toBe('Overdragelser');
      expect(await caseworker.textContent('main')).toContain('Center Avnstrup');

      // The administrator disables them: out at once, and no way back in.
      await page.reload();
      await page.getByRole('link', { name: 'Nina Ny Sagsbehandler' }).click();
      await page.waitForURL(/\/personale\/administration\/medarbejdere\//);
      expect(await page.textContent('h1')).toBe('Nina Ny Sagsbehandler');
      await expectAccessible(page);
      await page.getByRole('button', { name: /Deaktivér/ }).click();
      expect(await page.locator('.alert').first().textContent()).toContain('deaktiveret');
      expect(await page.locator('.venner-record').textContent()).toContain('Deaktiveret');

      await caseworker.goto(`${stack.gatewayUrl}/personale/overdragelser`);
      await caseworker.waitForURL(/\/personale\/log-ind/);
      await signInAs(caseworker, email, 'Nina-Ny-Adgang-2026!');
      expect(await caseworker.textContent('main')).toContain('Din adgang er lukket');
      await caseworker.goto(`${stack.gatewayUrl}/personale`);
      await caseworker.waitForURL(/\/personale\/log-ind/);
      await theirs.close();

      // A digest contact added and removed; every change is in the log with the administrator's name.
      await page.goto(`${stack.gatewayUrl}/personale/administration`);
      await page.locator('#contact-kommune').selectOption({ label: 'Allerød' });
      const contact = `ugebrev.${randomUUID().slice(0, 8)}@alleroed.example.dk`;
      await page.getByLabel('E-mail', { exact: true }).fill(contact);
      await page.getByRole('button', { name: 'Tilføj modtager' }).click();
      expect(await page.locator('.alert').first().textContent()).toContain('Modtageren er tilføjet');
      await page.getByRole('button', { name: `Fjern ${contact}` }).click();
      expect(await page.locator('.alert').first().textContent()).toContain('Modtageren er fjernet');
      const log = (await page.locator('#log ~ table').first().textContent()) ?? '';
      for (const line of [
        `Oprettede sagsbehandler ${email} (centre: avnstrup)`,
        `Deaktiverede ${email}`,
        `Tilføjede ${contact} som modtager af ugebrevet for kommune 201`,
        `Fjernede ${contact} som modtager af ugebrevet for kommune 201`,
      ])
        expect(log).toContain(line);
      expect(log).toContain('Anna Administrator');
      await expectAccessible(page);
    },
    journeyTimeoutMs,
  );
});
