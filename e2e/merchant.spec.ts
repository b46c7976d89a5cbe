// The merchant console end to end: sign up, build a tiered deal (with mistakes the editor catches),
// publish, watch a buyer join live, end the group early, refund one member in part, export the CSV.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './helpers/fixtures';
import { seriousAxeViolations } from './helpers/axe';
import { DESKTOP, shootBoth } from './helpers/screens';
import { joinGroup } from './helpers/shopper';

const shoot = (page: Page, name: string) => shootBoth(page, 'merchant', name);

test('a merchant builds a tiered deal, watches a group fill live, ends it, refunds and exports', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize(DESKTOP);
  const email = `shop-${Date.now()}@example.test`;

  // Sign up: a new account without a shop is sent to the profile form.
  await page.goto('/merchant');
  await expect(page).toHaveURL(/\/merchant\/sign-in$/);
  await page.getByRole('link', { name: 'Create a merchant account' }).click();
  await page.getByLabel('Your name').fill('Mia Baker');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/merchant\/profile$/);
  await page.getByLabel('Shop name').fill('Mia’s Bakery');
  await page.getByRole('button', { name: 'Create my shop' }).click();
  await expect(page.getByRole('heading', { name: 'Mia’s Bakery' })).toBeVisible();

  expect(await seriousAxeViolations(page), 'dashboard').toEqual([]);

  // Publishing needs the shop's Stripe account: connect it from Payments (the demo's onboarding page stands
  // in for Stripe's form) and come back to the dashboard.
  await page.getByTestId('connect-banner').getByRole('link', { name: 'Go to Payments' }).click();
  await page.getByRole('button', { name: 'Connect with Stripe' }).click();
  await page.getByRole('button', { name: 'Complete onboarding' }).click();
  await expect(page.getByTestId('account-state')).toHaveText('Your shop can take payments');
  await page.goto('/merchant');
  await expect(page.getByTestId('connect-banner')).toHaveCount(0);

  // The editor: brackets entered out of order show the engine's messages beside the fields.
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.getByRole('link', { name: 'New deal' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toBeVisible();
  await page.reload(); // a fresh server render, hydrated in the browser
  await expect(page.getByLabel('Title', { exact: true })).toBeEditable();
  expect(consoleLines.filter((t) => /hydrat|did not match/i.test(t))).toEqual([]);
  await page.getByLabel('Title', { exact: true }).fill('Sourdough box');
  await page.getByLabel('List price').fill('10.00');
  await page.getByLabel('Bracket 1: from how many people').fill('5');
  await page.getByLabel('Bracket 1: price each, in USD').fill('6.00');
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('aria-label', /from 5 people \$6\.00\./);
  await page.getByLabel('Bracket 2: from how many people').fill('2');
  await page.getByLabel('Bracket 2: price each, in USD').fill('8.00');
  await expect(page.getByText('From 2 people must be more than the bracket above (5)')).toBeVisible();
  await expect(page.getByText('Price must be lower than the bracket above ($6.00)')).toBeVisible();
  await expect(page.getByLabel('Bracket 2: from how many people')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Time to fill').fill('1');
  await page.getByLabel('Unit').selectOption('hours');
  await page.getByLabel('Most people in a group').fill('10');
  await page.getByLabel('Open-link limit').fill('10');
  await page.getByLabel('Most items per buyer').fill('2');
  // Publishing with mistakes is refused in place.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Some fields need attention.')).toBeVisible();
  await shoot(page, 'editor-errors');

  // Fix: move the 2-person bracket up; the errors go and the chart shows the new ladder.
  await page.getByRole('button', { name: 'Move bracket 2 up' }).click();
  await expect(page.getByText('From 2 people must be more than the bracket above (5)')).toHaveCount(0);
  await expect(page.getByText(/Price must be lower than the bracket above/)).toHaveCount(0);
  await expect(chart).toHaveAttribute('aria-label', /from 2 people \$8\.00; from 5 people \$6\.00\./);
  await page.getByLabel('Bracket 2: price each, in USD').fill('5.50');
  await expect(chart).toHaveAttribute('aria-label', /from 5 people \$5\.50\./);
  await expect(page.getByTestId('revenue-chart')).toHaveAttribute(
    'aria-label',
    /\$16\.00 at 2 people; \$27\.50 at 5 people/,
  );
  await expect(page.getByTestId('ladder-table')).toContainText('45%');
  expect(await seriousAxeViolations(page), 'editor').toEqual([]);
  await shoot(page, 'editor');

  // Buyers collect it at the shop: one pickup point, open daily, a week to collect.
  await page.getByRole('checkbox', { name: 'Pickup points' }).check();
  await page.getByLabel('Name', { exact: true }).fill('Mia’s Bakery counter');
  await page.getByLabel('Address', { exact: true }).fill('12 Baker Street, London');
  await page.getByLabel('Opening hours').fill('Daily 08:00–16:00');
  await page.getByLabel('Pickup window (days after close)').fill('7');

  // Publishing: the button says so and every field waits; then the deal's live page with link and QR.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('heading', { name: 'Your deal is live' })).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/merchant\/deals\/[0-9a-f-]{36}\/live$/);
  await expect(page.getByTestId('deal-public-link')).toHaveText(/\/d\/[a-z0-9-]+$/);
  await expect(page.getByTestId('deal-qr').locator('svg')).toBeVisible();
  await expect(page.getByTestId('deal-preview')).toContainText('Sourdough box');
  await expect(page.getByTestId('deal-preview')).toContainText('$8.00 → $5.50 at 5');
  expect(await seriousAxeViolations(page), 'deal is live').toEqual([]);
  await shoot(page, 'deal-live');
  const dealId = new URL(page.url()).pathname.split('/').at(-2) ?? '';
  await page.getByRole('link', { name: 'Groups and insights' }).click();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();

  // The merchant opens a group and shares its link; then watches the dashboard.
  await page.getByRole('button', { name: 'Open a group' }).click();
  const link = page.getByRole('status').getByRole('link');
  await expect(link).toHaveText(/\/g\/[A-Za-z0-9]{8,16}$/);
  const groupUrl = (await link.textContent()) ?? '';
  const code = groupUrl.split('/').pop() ?? '';
  // The dashboard arrives rendered: its deals are in the server's HTML, not behind "Loading…".
  const html = await (await page.request.get('/merchant')).text();
  expect(html).toContain('Sourdough box');
  // What the page shows, not the console's catalog that travels with it in the scripts.
  expect(html.replace(/<script[\s\S]*?<\/script>/g, '')).not.toContain('Loading your deals');
  await page.goto('/merchant');
  const row = page.getByTestId(`live-group-${code}`);
  await expect(row.getByTestId('group-members')).toHaveText('0 of 10 joined');

  // Two buyers join from their own browsers; the dashboard follows without a reload.
  const buyers = [];
  for (const [alias, quantity] of [
    ['Bea', 2],
    ['Cal', 1],
  ] as const) {
    const ctx = await browser.newContext();
    buyers.push(ctx);
    const buyer = await ctx.newPage();
    await buyer.goto(`/g/${code}`);
    await joinGroup(buyer, { alias, quantity });
  }
  await expect(row.getByTestId('group-members')).toHaveText('2 of 10 joined');
  await expect(row).toContainText('Bracket 1 of 2: $8.00 each · 3 more for $5.50');
  await shoot(page, 'dashboard');

  // End the group early: it closes by the usual rules and both buyers are charged $8.00 each.
  // Each row's buttons name their group (the first member's alias here: the merchant opened it).
  await expect(row.getByRole('button', { name: 'Cancel group: Bea’s group' })).toBeVisible();
  expect(await seriousAxeViolations(page), 'dashboard with a live group').toEqual([]);
  await row.getByRole('button', { name: 'End now: Bea’s group' }).click();
  const dialog = page.getByRole('dialog', { name: 'End this group now?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'End group now' }).click();
  await expect(row).toHaveCount(0);
  await page.goto(`/merchant/deals/${dealId}`);
  await page.getByRole('link', { name: 'Bea’s group' }).click();
  await expect(page.getByTestId('group-summary')).toHaveText('Won with 2 charged at $8.00 each.', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('group-captured')).toHaveText('$24.00');
  await expect(page.getByTestId('member-Bea')).toContainText('$16.00');
  await expect(page.getByTestId('member-Bea')).toContainText('Charged');

  // Refund Cal in part; more than was captured is refused with the reason.
  await page.getByRole('button', { name: 'Refund Cal' }).click();
  const refund = page.getByRole('dialog', { name: 'Refund Cal' });
  await refund.getByLabel('Amount to refund (USD)').fill('9.00');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(refund.getByRole('alert')).toContainText('at most $8.00');
  await refund.getByLabel('Amount to refund (USD)').fill('3.00');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(refund).toBeHidden();
  await expect(page.getByTestId('group-refunded')).toHaveText('$3.00');
  await expect(page.getByTestId('member-Cal')).toContainText('$3.00');
  // The group's money: every cent of the two charges accounted for, Flock's fee included.
  await expect(page.getByTestId('money-Bea')).toContainText('$16.00');
  await expect(page.getByTestId('money-check')).toHaveText(/= charged \$24\.00 − refunded \$3\.00\.$/);
  await shoot(page, 'group');
  // The shop's Payments page counts the same money in this month's report.
  await page.goto('/merchant/payments');
  const report = page.getByTestId('report').getByRole('table');
  await expect(report.getByRole('row').nth(1)).toContainText('$24.00');
  await expect(report.getByRole('row').nth(1)).toContainText('$3.00');
  await shoot(page, 'payments');
  await page.goBack();

  // CSV export: one row per member with the charge, the refund and the net.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export members (CSV)' }).click(),
  ]);
  const csv = await readFile((await download.path()) ?? '', 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'group_code,group_status,alias,email,quantity,member_status,currency,unit_price_at_join,hold,charge,refunded,net,channel,joined_at,settled_at',
  );
  expect(lines).toHaveLength(3);
  // A won group's buyers: the contact e-mail they gave at join (issue 14), for the shop to reach them.
  expect(lines[1]).toMatch(
    new RegExp(`^${code},won,Bea,bea@example\\.test,2,captured,USD,8\\.00,16\\.00,16\\.00,0\\.00,16\\.00,`),
  );
  expect(lines[2]).toMatch(
    new RegExp(`^${code},won,Cal,cal@example\\.test,1,captured,USD,8\\.00,8\\.00,8\\.00,3\\.00,5\\.00,`),
  );

  // Insights reflect the settled group.
  await page.goto(`/merchant/deals/${dealId}`);
  const table = page.getByTestId('insights-table');
  await expect(table.getByRole('row', { name: /Groups won/ })).toContainText('1');
  await expect(table.getByRole('row', { name: /Revenue captured \(USD\)/ })).toContainText('$24.00');
  await expect(table.getByRole('row', { name: /Net revenue \(USD\)/ })).toContainText('$21.00');
  await expect(table.getByRole('row', { name: /Savings given/ })).toContainText('$6.00');
  await shoot(page, 'insights');
  for (const ctx of buyers) await ctx.close();
});

test('forms keep what was typed; a merchant signs out, resets a forgotten password and signs in again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const email = `reset-${Date.now()}@example.test`;
  await page.goto('/merchant/sign-up');
  await page.getByLabel('Your name').fill('Rita Reset');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('first password 1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/merchant\/profile$/);
  await page.getByLabel('Shop name').fill('Rita’s Rolls');
  await page.getByRole('button', { name: 'Create my shop' }).click();
  await expect(page.getByRole('heading', { name: 'Rita’s Rolls' })).toBeVisible();

  // Sign out from the dashboard.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/merchant\/sign-in\?from=signed-out$/);
  await expect(page.getByRole('status').filter({ hasText: 'You are signed out.' })).toBeVisible();
  await page.goto('/merchant');
  await expect(page).toHaveURL(/\/merchant\/sign-in$/);

  // A wrong password keeps both fields.
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form [role=alert]')).toBeVisible();
  await expect(page.getByLabel('E-mail')).toHaveValue(email);
  await expect(page.getByLabel('Password')).toHaveValue('not my password');
  expect(await seriousAxeViolations(page), 'sign-in with an error').toEqual([]);
  await shoot(page, 'sign-in-error');

  // Signing up again with the same address keeps every field.
  await page.goto('/merchant/sign-up');
  await page.getByLabel('Your name').fill('Rita Again');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('another password 2');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('form [role=alert]')).toBeVisible();
  await expect(page.getByLabel('Your name')).toHaveValue('Rita Again');
  await expect(page.getByLabel('E-mail')).toHaveValue(email);
  await expect(page.getByLabel('Password')).toHaveValue('another password 2');

  // Forgot the password: a reset link by e-mail (the dev outbox), a new password, then sign in with it.
  await page.goto('/merchant/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send me a reset link' }).click();
  const refused = page.locator('form [role=alert]');
  await expect(page.getByTestId('reset-sent').or(refused)).toBeVisible();
  expect((await refused.count()) > 0 ? await refused.textContent() : null).toBeNull();
  await expect(page.getByTestId('reset-sent')).toContainText(email);
  expect(await seriousAxeViolations(page), 'forgot password').toEqual([]);
  await shoot(page, 'reset-sent');
  await page.goto('/dev/outbox');
  const message = page
    .getByRole('listitem')
    .filter({ hasText: email })
    .filter({ hasText: 'Reset your Flock password' });
  await message
    .first()
    .getByRole('link', { name: /reset-password/ })
    .click();
  await expect(page).toHaveURL(/\/merchant\/reset-password\?token=/);
  await page.getByLabel('New password').fill('second password 3');
  expect(await seriousAxeViolations(page), 'reset password').toEqual([]);
  await shoot(page, 'reset-password');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page).toHaveURL(/\/merchant\/sign-in\?from=password-reset$/);
  await expect(page.getByText('Your password is changed. Sign in with the new one.')).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('second password 3');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Rita’s Rolls' })).toBeVisible();

  // Every page has an icon.
  expect((await page.request.get('/favicon.ico')).status()).toBe(200);
});

test('uploads: a real image is stored and served; a fake or oversized one is refused with a reason', async ({
  page,
  request,
}) => {
  const email = `upl-${Date.now()}@example.test`;
  await page.goto('/merchant/sign-up');
  await page.getByLabel('Your name').fill('Up Loader');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/merchant\/profile$/);

  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e5270ade0000000049454e44ae426082',
    'hex',
  );
  const logo = page.getByLabel('Logo (optional)');
  await logo.setInputFiles({
    name: 'evil.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<script>alert(1)</script>'),
  });
  const reason = page.locator('#logo-error');
  await expect(reason).toHaveText('That file is not an image we can use. Upload a PNG, JPEG, WebP or GIF.');
  const big = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]);
  await logo.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: big });
  await expect(reason).toContainText('the limit is 2 MB');
  await logo.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
  const img = page.locator('img[src^="/uploads/"]');
  await expect(img).toHaveCount(1);
  const src = (await img.getAttribute('src')) ?? '';
  const served = await page.request.get(src);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/png');
  expect(Buffer.from(await served.body()).equals(png)).toBe(true);

  // Signed out, nobody can upload.
  const anon = await request.post('/api/merchant/upload', {
    multipart: { file: { name: 'a.png', mimeType: 'image/png', buffer: png } },
  });
  expect(anon.status()).toBe(401);
  expect(((await anon.json()) as { error: string }).error).toBe(
    'Please sign in to your merchant account to upload images.',
  );
});
