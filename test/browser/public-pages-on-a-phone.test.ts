import { describe, expect, it } from 'vitest';
import { noticeLanguages, refugeeNoticeVersions } from '../../shared/handover-contract.ts';
import { type RouteDefinition, routes } from '../../shared/routes.ts';
import { volunteerNoticeVersions } from '../../shared/volunteer-contract.ts';
import {
  browserAvailable,
  expectAccessible,
  journeyTimeoutMs,
  useBrowserContext,
} from '../support/browser.ts';
import { stack } from '../support/stack.ts';

/**
 * Every public page at 390 px, in Danish and English where it has both: nothing wider than the
 * screen, the page it should be (its heading), and axe finds nothing. The pages come from the
 * route table, so a new public page fails here until it has a heading to check.
 */

const publicPages = (routes as readonly RouteDefinition[]).filter(
  (r) =>
    r.method === 'GET' &&
    r.access === 'public' &&
    !r.path.startsWith('/personale') &&
    !r.path.startsWith('/api') &&
    !r.path.startsWith('/assets') &&
    r.path !== '/health',
);

/** The addresses to open for each route, and the heading each must show. */
const visits: Record<string, [string, RegExp][]> = {
  '/': [['/', /^En ven, når man flytter til en ny kommune$/]],
  '/privatliv': [
    ['/privatliv', /^Privatlivserklæring for frivillige$/],
    ['/privatliv?lang=en', /^Privacy notice for volunteers$/],
  ],
  '/privatliv/{version}': volunteerNoticeVersions.map((v) => [`/privatliv/${v}`, /^Privatlivserklæring/]),
  '/privatliv/flygtninge': [['/privatliv/flygtninge', /^Sådan passer vi på dine oplysninger$/]],
  '/privatliv/flygtninge/{version}/{language}': noticeLanguages.map((l) => [
    `/privatliv/flygtninge/${refugeeNoticeVersions[0]}/${l}`,
    /\S/,
  ]),
  '/bliv-ven': [
    ['/bliv-ven?kommune=101', /^Bliv frivillig ven$/],
    ['/bliv-ven?lang=en', /^Become a volunteer friend$/],
  ],
  '/bliv-ven/tak': [['/bliv-ven/tak', /^Tak for din tilmelding$/]],
  '/bliv-ven/bekraeft': [['/bliv-ven/bekraeft?token=x', /^Bekræft din tilmelding$/]],
  '/min-tilmelding': [
    ['/min-tilmelding', /^Min tilmelding$/],
    ['/min-tilmelding?lang=en', /^My sign-up$/],
  ],
  '/min-tilmelding/link-sendt': [['/min-tilmelding/link-sendt', /^Tjek din e-mail$/]],
  '/min-tilmelding/log-ind': [['/min-tilmelding/log-ind?token=x', /\S/]],
  '/min-tilmelding/slettet': [['/min-tilmelding/slettet', /^Dine oplysninger er slettet$/]],
  '/afmeld': [['/afmeld?token=x', /^Afmeld e-mails$/]],
  '/ugebrev': [['/ugebrev?token=x', /^Linket virker ikke$/]],
  '/mangler-frivillige': [
    ['/mangler-frivillige', /^Hvor mangler der frivillige\?$/],
    ['/mangler-frivillige?lang=en&region=1084', /^Where are volunteers missing\?$/],
  ],
  '/ven/forslag': [['/ven/forslag?match=x&token=y', /^Linket virker ikke længere$/]],
  '/ven/opfoelgning': [['/ven/opfoelgning?match=x', /^Linket virker ikke længere$/]],
  '/ven/moede': [['/ven/moede?match=x&token=y', /^Linket virker ikke længere$/]],
  '/ven/bekymring': [['/ven/bekymring?match=x&token=y', /^Linket virker ikke længere$/]],
  '/ven/afslutning': [['/ven/afslutning?match=x&token=y', /^Linket virker ikke længere$/]],
};

describe.runIf(browserAvailable())('every public page on a phone (390 px)', () => {
  const context = useBrowserContext();

  it('has a visit for every public page of the route table', () => {
    expect(publicPages.map((r) => r.path).filter((path) => !visits[path])).toEqual([]);
  });

  it(
    'fits the screen, is the page it should be and passes axe',
    async () => {
      const page = await context().newPage();
      await page.setViewportSize({ width: 390, height: 800 });
      for (const [path, heading] of Object.values(visits).flat()) {
        await page.goto(`${stack.gatewayUrl}${path}`);
        expect((await page.locator('h1').first().textContent())?.trim(), path).toMatch(heading);
        const [scroll, client] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.clientWidth,
        ]);
        expect(scroll, `${path} is ${scroll} px wide`).toBeLessThanOrEqual(client);
        await expectAccessible(page);
      }
      // The sign-up's second step too (a server round trip from the first).
      await page.goto(`${stack.gatewayUrl}/bliv-ven?kommune=101`);
      await page.getByLabel('Hvad hedder du?').fill('Maria Josefine Christiansen-Abdullahi');
      await page
        .getByLabel('Hvad er din e-mailadresse?')
        .fill('maria.josefine.christiansen.abdullahi@example.dk');
      await page.getByLabel('Hvad er dit postnummer?').fill('2100');
      await page.getByLabel('Venskabsfamilie').check();
      await page.getByLabel('Dansk', { exact: true }).check();
      await page.getByLabel('Dansk i hverdagen').check();
      await page.getByLabel('Hver uge').check();
      await page.getByRole('button', { name: 'Fortsæt til sidste trin' }).click();
      await expect.poll(() => page.textContent('.venner-step')).toBe('Trin 2 af 2: De sidste spørgsmål');
      // A family is asked how many they are; a friend is not (the journey test checks that).
      expect(await page.getByLabel('Hvor mange voksne er I?').count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page);
    },
    journeyTimeoutMs,
  );
});
