import { describe, expect, it } from 'vitest';
import { noticeLanguages, refugeeNoticeVersions } from '../../shared/handover-contract.ts';
import { privacyNoticeVersion, volunteerNoticeVersions } from '../../shared/volunteer-contract.ts';
import { browserAvailable, expectAccessible, useBrowserContext } from '../support/browser.ts';
import { request, signIn, stack } from '../support/stack.ts';

/**
 * The notices a consent names, as people read them: each published version at its own address,
 * the refugees' notice in every language (right to left where it should be), printable on A4.
 * Each page is checked for its content, not only for axe.
 */

const refugeeVersion = refugeeNoticeVersions[0];

describe.runIf(browserAvailable())('the privacy notices in Chromium', () => {
  const context = useBrowserContext();

  it('publish every volunteers’ version at /privatliv/<version>, the older ones marked and linked to the current', async () => {
    const page = await context().newPage();
    for (const version of volunteerNoticeVersions) {
      const response = await page.goto(`${stack.gatewayUrl}/privatliv/${version}`);
      expect(response?.status(), version).toBe(200);
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain(`Version ${version}.`);
      if (version === privacyNoticeVersion) expect(main).toContain('Det er den gældende version.');
      else {
        expect(main).toContain('Det er en tidligere version. Den gældende er');
        expect(await page.getAttribute(`main a[href="/privatliv/${privacyNoticeVersion}"]`, 'href')).toBe(
          `/privatliv/${privacyNoticeVersion}`,
        );
      }
      await expectAccessible(page);
    }
    // The current one, in English too, with every part Art. 13 asks for.
    await page.goto(`${stack.gatewayUrl}/privatliv?lang=en`);
    const english = (await page.textContent('main')) ?? '';
    for (const part of [
      'Who is the controller?',
      'joint-controller arrangement (General Data Protection Regulation Article 26)',
      'Legal basis',
      'We never ask for your CPR number',
      'Who sees the details?',
      'is deleted after 30 days',
      'Your rights, and how to use them',
      'Datatilsynet',
    ])
      expect(english).toContain(part);
    await expectAccessible(page);
    expect((await request('/privatliv/2020-01-01')).status).toBe(404);
  });

  it('give the refugees’ notice in eight languages, right to left for Arabic and Dari/Farsi, each accessible', async () => {
    const page = await context().newPage();
    await page.goto(`${stack.gatewayUrl}/privatliv/flygtninge`);
    expect(await page.title()).toBe(`Information til flygtninge, version ${refugeeVersion} (Dansk) · Venner`);
    const languageLinks = await page.locator('.venner-notice-languages li').count();
    expect(languageLinks).toBe(noticeLanguages.length);
    for (const language of noticeLanguages) {
      const response = await page.goto(
        `${stack.gatewayUrl}/privatliv/flygtninge/${refugeeVersion}/${language}`,
      );
      expect(response?.status(), language).toBe(200);
      const article = page.locator('article.venner-notice');
      const dir = await article.getAttribute('dir');
      expect(dir, language).toBe(language === 'arabic' || language === 'persian' ? 'rtl' : 'ltr');
      if (dir === 'rtl') expect(await article.evaluate((a) => getComputedStyle(a).direction)).toBe('rtl');
      expect(await article.locator('h2').count(), language).toBe(12);
      const text = (await article.textContent()) ?? '';
      expect(text, language).toContain('Datatilsynet');
      expect(text, language).toContain('CPR');
      // Until a certified translator has checked it, staff are told (the Danish text applies).
      const review = await page.locator('.venner-notice-review').count();
      expect(review, language).toBe(language === 'danish' ? 0 : 1);
      await expectAccessible(page);
    }
    expect((await request(`/privatliv/flygtninge/${refugeeVersion}/klingon`)).status).toBe(404);
    expect((await request('/privatliv/flygtninge/2020-01-01/danish')).status).toBe(404);
  });

  it('prints the refugees’ notice on A4 without the site’s frame', async () => {
    const page = await context().newPage();
    await page.goto(`${stack.gatewayUrl}/privatliv/flygtninge/${refugeeVersion}/arabic`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.venner-header').isVisible()).toBe(false);
    expect(await page.locator('.venner-notice-languages').isVisible()).toBe(false);
    expect(await page.locator('article.venner-notice h1').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    // A plain-language notice: a few pages, not a booklet.
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(4);
  });

  it('lets the caseworker record which language version was explained, unchecked translations marked', async () => {
    const { accessToken } = await signIn('caseworker');
    const form = await (
      await request('/personale/overdragelser/ny', { headers: { authorization: `Bearer ${accessToken}` } })
    ).text();
    const options = [...form.matchAll(/<option value="(\w+)"[^>]*>([^<]+)<\/option>/g)]
      .filter(([, value]) => (noticeLanguages as readonly string[]).includes(value ?? ''))
      .map(([, value, label]) => [value, label]);
    expect(options.map(([value]) => value)).toEqual([...noticeLanguages]);
    expect(options.find(([value]) => value === 'danish')?.[1]).toBe('Dansk (Dansk)');
    expect(options.find(([value]) => value === 'arabic')?.[1]).toBe(
      'Arabisk (العربية) – ikke kontrolleret af translatør',
    );
    expect(form).toContain('href="/privatliv/flygtninge"');
  });
});
