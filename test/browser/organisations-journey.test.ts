import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { addGroup, addOrganisation } from '../support/groups-fixture.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer } from '../support/matching-fixture.ts';
import { signIn, stack } from '../support/stack.ts';
import { newStaffUser } from '../support/staff.ts';

/**
 * Two coordinators of two organisations in the same kommune (Varde, which no other test uses),
 * each in a browser of their own: one sees only their own group's volunteer and asks the other
 * group for one; the other finds the request among their tasks and proposes their volunteer; the
 * first sees who holds the refugee now, and still not the other group's volunteer.
 */
describe.runIf(browserAvailable())('two coordinators of different organisations in Chromium', () => {
  const context = useBrowserContext();

  const signInAs = async (user: { username: string; password: string }): Promise<[BrowserContext, Page]> => {
    const own = await context().browser()?.newContext();
    if (!own) throw new Error('no browser');
    own.setDefaultTimeout(15_000);
    const page = await own.newPage();
    await page.goto(`${stack.gatewayUrl}/personale/log-ind`);
    await page.getByLabel('E-mail', { exact: true }).fill(user.username);
    await page.getByLabel('Adgangskode', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    await page.waitForURL(/\/personale(\/|$)/);
    return [own, page];
  };

  it(
    'asks another group for a volunteer, who proposes one; each sees only their own volunteers; every page passes axe',
    async () => {
      const run = randomUUID().slice(0, 6);
      await addOrganisation({ id: `rk-${run}`, name: 'Røde Kors', readiness: 'red-cross' });
      await addOrganisation({
        id: `dfh-${run}`,
        name: 'Dansk Flygtningehjælp',
        readiness: 'danish-refugee-council',
      });
      const group = (id: string, organisationId: string, name: string) =>
        addGroup({ id, organisationId, name, kommuner: ['573'], active: true });
      await group(`rk-varde-${run}`, `rk-${run}`, `Røde Kors Varde ${run}`);
      await group(`dfh-varde-${run}`, `dfh-${run}`, `Dansk Flygtningehjælp Varde ${run}`);
      const rikke = await addConfirmedVolunteer(
        { name: `Rikke Røde ${run}`, kommuneCode: '573', postalCode: '6800' },
        { groupId: `rk-varde-${run}` },
      );
      const dennis = await addConfirmedVolunteer(
        { name: `Dennis Dansk ${run}`, kommuneCode: '573', postalCode: '6800' },
        { groupId: `dfh-varde-${run}` },
      );
      const name = `Nour Varde ${run}`;
      const created = await postJson(
        '/api/handovers',
        (await signIn('caseworker')).accessToken,
        consentedBody({ name, receivingKommune: '573', childrenAges: [] }),
      );
      const { id } = (await created.json()) as { id: string };
      const rk = await newStaffUser({ role: 'coordinator', groups: [`rk-varde-${run}`] });
      const dfh = await newStaffUser({ role: 'coordinator', groups: [`dfh-varde-${run}`] });

      // Røde Kors's coordinator: their own volunteer by name, the other group's as a count.
      const [rkContext, rkPage] = await signInAs(rk);
      await rkPage.goto(`${stack.gatewayUrl}/personale/matching/flygtning/${id}`);
      expect(await rkPage.textContent('h1')).toBe(name);
      const suggestions = (await rkPage.locator('.venner-suggestions').textContent()) ?? '';
      expect(suggestions).toContain(rikke.name);
      expect(await rkPage.content()).not.toContain(dennis.name);
      const other = rkPage.locator('.venner-other-group', { hasText: `Dansk Flygtningehjælp Varde ${run}` });
      expect(await other.textContent()).toContain('1 ledig frivillig med 1 plads');
      await expectAccessible(rkPage);
      await other
        .getByRole('button', { name: `Bed Dansk Flygtningehjælp Varde ${run} om en frivillig` })
        .click();
      await rkPage.waitForURL(/anmodet=1/);
      await expect.poll(() => rkPage.getByText(/Gruppen har fået din anmodning/).isVisible()).toBe(true);
      expect(await other.textContent()).toContain('gruppen har ikke svaret endnu');
      await expectAccessible(rkPage);

      // Dansk Flygtningehjælp's coordinator: the request on their task list, then their volunteer.
      const [dfhContext, dfhPage] = await signInAs(dfh);
      await dfhPage.goto(`${stack.gatewayUrl}/personale/opgaver`);
      const request = dfhPage.locator('.venner-task', { hasText: 'beder jer om en frivillig' });
      expect(await request.textContent()).toContain(`(Røde Kors Varde ${run})`);
      await expectAccessible(dfhPage);
      await request.getByRole('link', { name: 'Foreslå en frivillig' }).click();
      await dfhPage.waitForURL(new RegExp(`/personale/matching/flygtning/${id}$`));
      expect(await dfhPage.content()).not.toContain(rikke.name);
      await dfhPage.getByRole('button', { name: `Foreslå ${dennis.name} (bedste forslag)` }).click();
      await dfhPage.waitForURL(/\/personale\/matching\/match\/[\w-]{32}\?foreslaaet=1$/);
      await expectAccessible(dfhPage);
      await dfhPage.goto(`${stack.gatewayUrl}/personale/opgaver`);
      expect(await dfhPage.locator('.venner-task', { hasText: 'beder jer om en frivillig' }).count()).toBe(0);

      // Røde Kors's coordinator sees who holds the refugee now; the other group's volunteer stays theirs.
      await rkPage.goto(`${stack.gatewayUrl}/personale/matching/flygtning/${id}`);
      expect(await rkPage.textContent('main')).toContain(
        `Dansk Flygtningehjælp Varde ${run} har flygtningen.`,
      );
      expect(await rkPage.content()).not.toContain(dennis.name);
      await expectAccessible(rkPage);
      const hidden = await rkPage.goto(`${stack.gatewayUrl}/personale/matching/frivillige/${dennis.id}`);
      expect(hidden?.status()).toBe(404);
      expect(await rkPage.content()).not.toContain(dennis.name);
      await expectAccessible(rkPage);
      await rkContext.close();
      await dfhContext.close();
    },
    journeyTimeoutMs,
  );
});
