// Notifications a member sees: the hold receipt and a reminder in the dev outbox, alerts offered after
// joining, settings in /me/notifications, and a reminder's unsubscribe link that stops that group's reminders.
import { expect, test } from './helpers/fixtures';
import { seriousAxeViolations } from './helpers/axe';
import { createTestDeal, openGroupFromDealPage, submitJoin } from './helpers/shopper';

// Zones without daylight saving, by hours east of UTC.
const FIXED_ZONES: Record<number, string> = {
  [-11]: 'Pacific/Pago_Pago',
  [-10]: 'Pacific/Honolulu',
  [-9]: 'Pacific/Gambier',
  [-8]: 'Pacific/Pitcairn',
  [-7]: 'America/Phoenix',
  [-6]: 'America/Regina',
  [-5]: 'America/Bogota',
  [-4]: 'America/La_Paz',
  [-3]: 'America/Sao_Paulo',
  [-2]: 'Atlantic/South_Georgia',
  [-1]: 'Atlantic/Cape_Verde',
  0: 'Africa/Abidjan',
  1: 'Africa/Lagos',
  2: 'Africa/Johannesburg',
  3: 'Europe/Moscow',
  4: 'Asia/Dubai',
  5: 'Asia/Karachi',
  6: 'Asia/Dhaka',
  7: 'Asia/Bangkok',
  8: 'Asia/Shanghai',
  9: 'Asia/Tokyo',
  10: 'Australia/Brisbane',
  11: 'Pacific/Guadalcanal',
  12: 'Pacific/Tarawa',
};

/** A real time zone where it is about noon now, so the reminder is not held for quiet hours whenever this runs. */
function middayZone(): string {
  let offset = 12 - new Date().getUTCHours();
  if (offset > 12) offset -= 24;
  return FIXED_ZONES[offset] ?? 'Africa/Abidjan';
}

test('a member gets a hold receipt and a reminder, and one click stops that group’s reminders', async ({
  browser,
  request,
}) => {
  const title = `Nudged honey ${Date.now()}`;
  const deal = await createTestDeal(request, {
    title,
    listPrice: 4000,
    tiers: [
      { minMembers: 2, unitPrice: 3000 },
      { minMembers: 4, unitPrice: 2500 },
    ],
  });
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 },
    timezoneId: middayZone(),
    extraHTTPHeaders: { 'x-forwarded-for': '10.77.3.1' },
  });
  try {
    const page = await ctx.newPage();
    await openGroupFromDealPage(page, deal.slug);
    const email = `hana-${Date.now()}@example.test`;
    await submitJoin(page, { alias: 'Hana', email });
    await expect(page.getByTestId('member-panel')).toBeVisible();
    // Alerts on this device are offered after joining; nothing is asked before the tap.
    await expect(page.getByRole('button', { name: 'Tell me when the price drops' })).toBeVisible();
    await page.screenshot({ path: 'test-results/notify-offer-390x844.png', fullPage: true });

    // The receipt and the reminder ("one more person unlocks…": the group needs 2) reach the dev outbox.
    await page.goto('/dev/outbox');
    const mails = page.getByRole('listitem').filter({ hasText: email });
    await expect(async () => {
      await page.reload();
      await expect(mails.filter({ hasText: `You're in: ${title}` })).toHaveCount(1);
      await expect(mails.filter({ hasText: /one more person/ })).toHaveCount(1);
    }).toPass({ timeout: 20_000 });
    const receipt = mails.filter({ hasText: `You're in: ${title}` });
    await expect(receipt).toContainText('We hold $30.00 on your card');
    await expect(receipt.getByRole('link', { name: /\/u\// })).toHaveCount(0);
    const reminder = mails.filter({ hasText: /one more person/ });
    const unsubscribe = await reminder.getByRole('link', { name: /\/u\// }).getAttribute('href');
    expect(unsubscribe).toBeTruthy();

    // Opening the link changes nothing until the button is pressed (mail scanners open links).
    await page.goto(new URL(unsubscribe ?? '').pathname);
    await expect(page.getByRole('heading', { name: `Stop reminders about ${title}` })).toBeVisible();
    await expect(page.getByText('Receipts for holds, charges and refunds still come.')).toBeVisible();
    expect(await seriousAxeViolations(page), 'unsubscribe page').toEqual([]);
    await page.screenshot({ path: 'test-results/notify-unsubscribe-390x844.png', fullPage: true });
    await page.goto('/me/notifications');
    await expect(page.getByText('You have not muted any group.')).toBeVisible();

    await page.goto(new URL(unsubscribe ?? '').pathname);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(page.getByText('Done: you will not get these messages any more.')).toBeVisible();
    await page.getByRole('link', { name: 'All notification settings' }).click();
    await expect(page.getByRole('heading', { name: 'Muted groups' })).toBeVisible();
    // The browser's time zone, kept when they joined, is the one their quiet hours follow.
    await expect(page.getByLabel('Time zone')).toHaveValue(middayZone());
    await expect(page.getByRole('button', { name: `Unmute reminders about ${title}` })).toBeVisible();

    // Settings: reminders off and other quiet hours, kept after a reload.
    const nudges = page.getByLabel('Send me reminders');
    await expect(nudges).toBeChecked();
    await nudges.uncheck();
    await page.getByLabel('From').fill('22:30');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Send me reminders')).not.toBeChecked();
    await expect(page.getByLabel('From')).toHaveValue('22:30');
    expect(await seriousAxeViolations(page), 'notification settings').toEqual([]);
    await page.screenshot({ path: 'test-results/notify-settings-390x844.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: 'test-results/notify-settings-1280x800.png', fullPage: true });
  } finally {
    await ctx.close();
  }
});
