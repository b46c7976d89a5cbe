// The shopper's journey in Simplified Chinese and in Japanese (issue 13): a phone set to the language opens
// a deal, starts a group, shares it, a friend joins and the price drops live, the group wins; every state is
// checked for English sentences left from the catalogs and kept as a 390×844 screenshot. Steps name the
// English words and find the same message in the other language (helpers/catalogs.ts).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { englishLeftovers, messageAt, say, sayPattern } from './helpers/catalogs';
import { expect, test } from './helpers/fixtures';
import { CARDS, closeTestGroup, createTestDeal } from './helpers/shopper';

const contexts: BrowserContext[] = [];
let buyerCount = 0;

async function newPhone(browser: Browser, locale: string): Promise<Page> {
  buyerCount += 1;
  const ctx = await browser.newContext({
    locale,
    viewport: { width: 390, height: 844 },
    extraHTTPHeaders: { 'x-forwarded-for': `10.77.0.${buyerCount}` },
  });
  contexts.push(ctx);
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  return ctx.newPage();
}

test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const JOURNEYS = [
  {
    locale: 'zh-CN',
    title: '阳山水蜜桃 礼盒装',
    currency: 'CNY',
    listPrice: 12800,
    tiers: [
      { minMembers: 1, unitPrice: 9900 },
      { minMembers: 2, unitPrice: 8800 },
    ],
  },
  {
    locale: 'ja',
    title: 'あまおう いちご 2パック',
    currency: 'JPY',
    listPrice: 1500,
    tiers: [
      { minMembers: 1, unitPrice: 1200 },
      { minMembers: 2, unitPrice: 980 },
    ],
  },
] as const;

for (const j of JOURNEYS) {
  const money = (minor: number) =>
    new Intl.NumberFormat(j.locale, { style: 'currency', currency: j.currency }).format(
      j.currency === 'JPY' ? minor : minor / 100,
    );

  test(`${j.locale}: open, share, join, live drop and won, every word in the reader's language`, async ({
    browser,
    request,
  }, testInfo) => {
    const shot = async (page: Page, name: string) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const path = `test-results/languages/${j.locale}-${name}.png`;
      await page.screenshot({ path, fullPage: true });
      await testInfo.attach(`${j.locale}-${name}`, { path, contentType: 'image/png' });
    };
    const noEnglish = async (page: Page, where: string) => {
      const text = await page.locator('body').innerText();
      expect(englishLeftovers(text, j.locale), `English sentences on the ${where}`).toEqual([]);
    };

    const deal = await createTestDeal(request, {
      title: j.title,
      currency: j.currency,
      listPrice: j.listPrice,
      tiers: [...j.tiers],
    });
    const a = await newPhone(browser, j.locale);
    await a.goto(`/d/${deal.slug}`);
    await expect(a.locator('html')).toHaveAttribute('lang', j.locale);
    await expect(a.getByRole('heading', { level: 1 })).toHaveText(j.title);
    await noEnglish(a, 'deal page');
    await shot(a, '1-deal');

    await a.getByRole('button', { name: say(j.locale, 'Start a new group') }).click();
    await a.waitForURL(/\/g\/[a-z0-9]{8,16}(\?join=1)?$/);
    const form = a.getByTestId('join-form');
    await expect(form).toBeVisible();
    await noEnglish(a, 'group page before joining');
    await shot(a, '2-join-form');

    await form.getByLabel(say(j.locale, 'Your name in the group')).fill('小林');
    await form
      .getByLabel(messageAt(j.locale, 'fulfilment.join.emailLabel'), { exact: true })
      .fill('kobayashi@example.test');
    await form.getByLabel(say(j.locale, CARDS.visa)).check();
    await form.getByRole('button', { name: sayPattern(j.locale, 'Join and hold') }).click();
    await expect(a.getByTestId('member-panel')).toBeVisible();
    await expect(a.getByTestId('unit-price')).toHaveText(money(j.tiers[0].unitPrice));
    await noEnglish(a, 'group page after joining');
    await shot(a, '3-joined');

    const share = a.getByTestId('share-panel');
    await share.getByRole('button', { name: say(j.locale, 'Copy link') }).click();
    const link = await a.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain(`hl=${j.locale}`);

    // A friend whose phone is in the same language joins; the opener's page drops its price live.
    const b = await newPhone(browser, j.locale);
    await b.goto(link);
    await expect(b.locator('html')).toHaveAttribute('lang', j.locale);
    const bForm = b.getByTestId('join-form');
    await bForm.getByLabel(say(j.locale, 'Your name in the group')).fill('Ben');
    await bForm
      .getByLabel(messageAt(j.locale, 'fulfilment.join.emailLabel'), { exact: true })
      .fill('ben@example.test');
    await bForm.getByLabel(say(j.locale, CARDS.visa)).check();
    await bForm.getByRole('button', { name: sayPattern(j.locale, 'Join and hold') }).click();
    await expect(b.getByTestId('member-panel')).toBeVisible();
    await expect(a.getByTestId('members')).toContainText('Ben');
    await expect(a.getByTestId('unit-price')).toHaveText(money(j.tiers[1].unitPrice));
    await noEnglish(a, 'group page after the price dropped');
    await shot(a, '4-price-dropped');

    await closeTestGroup(request, new URL(link).pathname.split('/').pop() ?? '');
    await expect(a.getByTestId('group-banner')).toContainText(money(j.tiers[1].unitPrice), {
      timeout: 30_000,
    });
    await expect(a.getByTestId('group-banner')).not.toContainText(/[A-Za-z]{4,}/);
    await a.reload();
    await noEnglish(a, 'won group page');
    await shot(a, '5-won');
  });
}

test('the switcher changes the language, keeps the page, and the choice outlives the visit', async ({
  browser,
}) => {
  const page = await newPhone(browser, 'en-US');
  await page.goto('/terms');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Language: English').click();
  await page.getByRole('link', { name: '日本語' }).click();
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('link', { name: say('ja', 'My groups') })).toBeVisible();
  expect(englishLeftovers(await page.locator('body').innerText(), 'ja')).toEqual([]);
});
