import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { kommunerRepository } from '../../functions/adapters/kommuner-repository.ts';
import { addStaffUser } from '../../functions/adapters/staff-users.ts';
import type { Role } from '../../shared/roles.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { addGroup, addOrganisation } from '../support/groups-fixture.ts';
import { consentedBody, postJson } from '../support/handover-fixture.ts';
import { addConfirmedVolunteer } from '../support/matching-fixture.ts';
import { cognitoClient, documentClient, signIn, stack } from '../support/stack.ts';
import { roleFor } from '../support/staff.ts';

/**
 * Every staff page at 390 px, as the role it is meant for sees it, with long names and notes:
 * nothing wider than the screen (`scrollWidth <= clientWidth`), the page it should be (its
 * heading), and axe finds nothing. The list of pages comes from the route table, so a new page is
 * checked without anyone remembering to add it.
 */

const staffPages = (routes as readonly RouteDefinition[]).filter(
  (r) => r.method === 'GET' && r.path.startsWith('/personale') && !r.path.endsWith('/eksport'),
);

/** What each page's heading says (by path), so a page that shows something else fails. */
const headings: Record<string, RegExp> = {
  '/personale/log-ind': /^Log ind for personale$/,
  '/personale/glemt-adgangskode': /^Glemt adgangskode$/,
  '/personale': /^Forside for personale$/,
  '/personale/overdragelser': /^Overdragelser$/,
  '/personale/overdragelser/ny': /^Ny overdragelse$/,
  '/personale/overdragelser/talt': /^Svaret er talt med$/,
  '/personale/overdragelser/{id}': /^Overdragelse: Christina-Marie Abdulrahman-Kristiansen/,
  '/personale/overdragelser/{id}/ret': /^Ret oplysningerne$/,
  '/personale/overdragelser/{id}/tilbagekald': /^Træk samtykket tilbage$/,
  '/personale/overdragelser/{id}/indsigt': /^Indsigt: alt, hvad vi har gemt$/,
  '/personale/overdragelser/{id}/log': /^Log over adgang$/,
  '/personale/matching': /^Matching$/,
  '/personale/matching/frivillige': /^Frivillige$/,
  '/personale/matching/frivillige/{id}': /^Bodil-Margrethe Rasmussen-Østergaard/,
  '/personale/matching/match': /^Match$/,
  '/personale/matching/plan': /^Plan for Allerød$/,
  '/personale/matching/flygtning/{id}': /^Christina-Marie Abdulrahman-Kristiansen/,
  '/personale/matching/match/{id}': /^Match for /,
  '/personale/tal': /^Tal for programmet$/,
  '/personale/opgaver': /^Dine opgaver$/,
  '/personale/navn': /^Hvad hedder du\?$/,
  '/personale/administration': /^Administration$/,
  '/personale/administration/medarbejdere/{id}': /^Sara Sagsbehandler$/,
  '/personale/administration/organisationer': /^Organisationer og lokale grupper$/,
  '/personale/administration/grupper/{id}':
    /^Dansk Flygtningehjælps Frivilliggruppe for Nordsjælland og Omegn$/,
  '/personale/administration/aktivering': /^Kommuner uden en aktiv gruppe$/,
};

describe.runIf(browserAvailable())('every staff page on a phone (390 px)', () => {
  const context = useBrowserContext();

  it(
    'fits the screen, is the page it should be and passes axe',
    async () => {
      const caseworker = (await signIn('caseworker')).accessToken;
      const name = 'Christina-Marie Abdulrahman-Kristiansen Al-Hassan';
      const body = consentedBody({
        name,
        receivingKommune: '201',
        note: 'Har en meget lang bemærkning uden mellemrum: https://eksempel.dk/en-meget-lang-adresse-der-ikke-kan-brydes-pa-en-telefon',
        newAddress:
          'Kongens Nytorv 1, 3. sal til venstre, c/o Familien Abdulrahman-Kristiansen, 3450 Allerød',
      });
      const record = ((await (await postJson('/api/handovers', caseworker, body)).json()) as { id: string })
        .id;
      const other = (
        (await (await postJson('/api/handovers', caseworker, consentedBody({ name }))).json()) as {
          id: string;
        }
      ).id;
      const volunteer = await addConfirmedVolunteer({
        name: 'Bodil-Margrethe Rasmussen-Østergaard',
        email: `bodil.margrethe.rasmussen.oestergaard.${Date.now()}@et-meget-langt-domaene.example.org`,
        kommuneCode: '201',
        postalCode: '3450',
      });
      // The administration lists every staff user and digest contact: long addresses there too.
      const long = `integrationsmedarbejder.for.flygtninge.${Date.now()}@et-meget-langt-kommunedomaene.example.dk`;
      await kommunerRepository(documentClient(), stack.tables.kommuner).addDigestContact(
        '201',
        long,
        new Date(),
      );
      await addStaffUser(cognitoClient(), stack.userPoolId, {
        email: `en.medarbejder.med.en.lang.adresse.${Date.now()}@dansk-flygtningehjaelp.example.dk`,
        role: 'coordinator',
        kommuner: ['201', '101', '147', '151', '153', '155', '157', '159', '161', '163'],
        password: 'Venner-test-2026!',
      });
      // A local group with a long name and many kommuner (the organisations' pages).
      await addOrganisation({
        id: 'lang-forening',
        name: 'Dansk Flygtningehjælp, frivilligafdelingen',
        readiness: 'danish-refugee-council',
      });
      const longGroup = await addGroup({
        id: 'lang-gruppe',
        organisationId: 'lang-forening',
        name: 'Dansk Flygtningehjælps Frivilliggruppe for Nordsjælland og Omegn',
        // Kommuner no other test signs volunteers up in, and not active: nobody joins it.
        kommuner: ['773', '787', '813', '849', '860'],
        email: 'frivilliggruppen.nordsjaelland.og.omegn@dansk-flygtningehjaelp.example.dk',
        phone: '20 30 40 50',
        active: false,
        offers: ['friends', 'friend-families', 'language-cafe', 'homework-help', 'network-meetings'],
      });
      const coordinator = (await signIn('coordinator')).accessToken;
      const proposed = await postJson('/api/matches', coordinator, {
        consentId: other,
        volunteerId: volunteer.id,
      });
      const match = ((await proposed.json()) as { id: string }).id;
      const caseworkerLogin = stack.demoLogins.find((login) => login.role === 'caseworker');
      const staffUser =
        (
          await cognitoClient().send(
            new AdminGetUserCommand({ UserPoolId: stack.userPoolId, Username: caseworkerLogin?.username }),
          )
        ).Username ?? '';
      const idFor = (path: string) =>
        path.includes('/grupper/{id}')
          ? longGroup.id
          : path.includes('/medarbejdere/{id}')
            ? staffUser
            : path.includes('/match/{id}')
              ? match
              : path.includes('/frivillige/{id}')
                ? volunteer.id
                : record;
      const query = (path: string) => (path.endsWith('/plan') ? '?kommune=201' : '');

      const results: string[] = [];
      const byRole = new Map<Role | 'public', RouteDefinition[]>();
      for (const route of staffPages) {
        const role = roleFor(route) ?? 'public';
        byRole.set(role, [...(byRole.get(role) ?? []), route]);
      }
      for (const [role, pages] of byRole) {
        const browserContext = await context()
          .browser()
          ?.newContext({ viewport: { width: 390, height: 844 } });
        if (!browserContext) throw new Error('no browser');
        const page = await browserContext.newPage();
        if (role !== 'public') {
          const demo = stack.demoLogins.find((login) => login.role === role);
          if (!demo) throw new Error(`no demo ${role}`);
          await page.goto(`${stack.gatewayUrl}/personale/log-ind`);
          await page.getByLabel('E-mail', { exact: true }).fill(demo.username);
          await page.getByLabel('Adgangskode', { exact: true }).fill(demo.password);
          await page.getByRole('button', { name: 'Log ind' }).click();
          await page.waitForURL(/\/personale(\/|$)/);
        }
        // Only someone without a name sees the name page: checked below, as such a user.
        for (const route of pages.filter((r) => r.path !== '/personale/navn')) {
          const path = route.path.replace('{id}', idFor(route.path));
          await page.goto(`${stack.gatewayUrl}${path}${query(route.path)}`);
          const heading = (await page.textContent('h1'))?.trim() ?? '';
          if (!(headings[route.path] ?? /^$/).test(heading))
            results.push(`${route.path}: heading "${heading}"`);
          const [scrollWidth, clientWidth] = await page.evaluate(() => [
            document.documentElement.scrollWidth,
            document.documentElement.clientWidth,
          ]);
          if (scrollWidth > clientWidth) results.push(`${route.path}: ${scrollWidth} px wide`);
          await expectAccessible(page).catch((error: Error) =>
            results.push(`${route.path}: ${error.message}`),
          );
        }
        await browserContext.close();
      }
      const nameless = await context()
        .browser()
        ?.newContext({ viewport: { width: 390, height: 844 } });
      if (!nameless) throw new Error('no browser');
      const first = await nameless.newPage();
      const email = `uden.navn.${Date.now()}@venner.local`;
      await addStaffUser(cognitoClient(), stack.userPoolId, {
        email,
        role: 'caseworker',
        centres: ['sandholm'],
        password: 'Venner-test-2026!',
      });
      await first.goto(`${stack.gatewayUrl}/personale/log-ind`);
      await first.getByLabel('E-mail', { exact: true }).fill(email);
      await first.getByLabel('Adgangskode', { exact: true }).fill('Venner-test-2026!');
      await first.getByRole('button', { name: 'Log ind' }).click();
      await first.waitForURL(/\/personale\/navn/);
      const heading = (await first.textContent('h1'))?.trim() ?? '';
      if (!(headings['/personale/navn'] as RegExp).test(heading))
        results.push(`/personale/navn: heading "${heading}"`);
      const [scrollWidth, clientWidth] = await first.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      if (scrollWidth > clientWidth) results.push(`/personale/navn: ${scrollWidth} px wide`);
      await expectAccessible(first);
      await nameless.close();
      expect(results).toEqual([]);
      expect(staffPages.length).toBe(Object.keys(headings).length);
    },
    journeyTimeoutMs * 2,
  );
});
