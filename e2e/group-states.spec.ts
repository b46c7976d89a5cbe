// Every state of the group page as a visitor and as a member reads it (issue 11, Tests): open below the
// minimum, at a bracket, full, closing, won (charged, saved, released, refunded), failed, ended early,
// canceled, left and declined. The sentences are the words module's (server/share/group-words.ts); each
// state is photographed at 390×844 and 1280×800 into test-results/group-states/ for a person to look at.
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from './helpers/fixtures';
import {
  clearEmulatorFaults,
  closeTestGroup,
  createTestDeal,
  injectEmulatorFault,
  joinGroup,
  openGroupFromDealPage,
  submitJoin,
  type TestDealInput,
} from './helpers/shopper';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
// The seeded demo merchant (db/seed.ts): deals made for it can be ended, canceled and refunded in its console.
const MERCHANT = { email: 'merchant@flock.test', password: 'flock-demo-1' };

const contexts: BrowserContext[] = [];
let clients = 0;

// Each person is their own browser context with their own client address, like separate phones.
async function newPhone(browser: Browser): Promise<Page> {
  clients += 1;
  const ctx = await browser.newContext({
    viewport: PHONE,
    extraHTTPHeaders: { 'x-forwarded-for': `10.77.${Math.floor(clients / 250)}.${(clients % 250) + 1}` },
  });
  contexts.push(ctx);
  return ctx.newPage();
}

test.afterEach(async ({ request }) => {
  await clearEmulatorFaults(request);
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

const banner = (p: Page) => p.getByTestId('group-banner');
const headline = (p: Page) => p.getByTestId('next-tier');
const bar = (p: Page) => p.getByTestId('sticky-bar');
const body = (p: Page) => p.locator('body');
const SAVE_BADGE = /Save \d+%/;

/** Photographs the page as it is: the phone's first screen, the whole page on a phone and on a laptop. */
async function shoot(p: Page, name: string): Promise<void> {
  const dir = 'test-results/group-states';
  const shots: [string, { width: number; height: number }, boolean][] = [
    [`${name}-390x844`, PHONE, false],
    [`${name}-390x844-full`, PHONE, true],
    [`${name}-1280x800-full`, DESKTOP, true],
  ];
  for (const [file, size, fullPage] of shots) {
    await p.setViewportSize(size);
    await p.evaluate(() => window.scrollTo(0, 0));
    const path = `${dir}/${file}.png`;
    await p.screenshot({ path, fullPage, animations: 'disabled' });
    await test.info().attach(file, { path, contentType: 'image/png' });
  }
  await p.setViewportSize(PHONE);
}

/** Nothing wider than the phone's screen (no sideways scrolling), once any celebration has played. */
async function expectFitsPhone(p: Page, name: string): Promise<void> {
  await expect
    .soft(async () => {
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${name}: page width`).toBeLessThanOrEqual(PHONE.width);
    })
    .toPass({ timeout: 8_000 });
}

async function dealFor(
  request: APIRequestContext,
  input: TestDealInput,
): Promise<{ id: string; slug: string }> {
  return createTestDeal(request, { ownerEmail: MERCHANT.email, ...input });
}

/** A phone that opens /g/<code> (as a visitor until it joins). */
async function visit(browser: Browser, code: string): Promise<Page> {
  const p = await newPhone(browser);
  await p.goto(`/g/${code}`);
  await expect(headline(p)).toBeVisible();
  return p;
}

async function signInMerchant(browser: Browser): Promise<Page> {
  const m = await newPhone(browser);
  await m.setViewportSize(DESKTOP);
  await m.goto('/merchant/sign-in');
  await m.getByLabel('E-mail').fill(MERCHANT.email);
  await m.getByLabel('Password').fill(MERCHANT.password);
  await m.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(m).toHaveURL(/\/merchant\/?$/);
  return m;
}

/** The address of the merchant's page for an open group (members, money, End now, Cancel, Refund). */
async function consoleUrl(m: Page, code: string): Promise<string> {
  await m.goto('/merchant');
  const href = await m
    .getByTestId(`live-group-${code}`)
    .locator('a[href^="/merchant/groups/"]')
    .first()
    .getAttribute('href');
  if (!href) throw new Error(`no console link for group ${code}`);
  return href;
}

async function openInConsole(m: Page, url: string): Promise<void> {
  await m.goto(url);
  await expect(m.getByTestId('group-summary')).toBeVisible();
}

async function endNow(m: Page, code: string): Promise<void> {
  await openInConsole(m, await consoleUrl(m, code));
  await m.getByRole('button', { name: 'End now' }).click();
  const dialog = m.getByRole('dialog', { name: 'End this group now?' });
  await dialog.getByRole('button', { name: 'End group now' }).click();
  await expect(dialog).toBeHidden();
}

async function cancelGroup(m: Page, code: string): Promise<void> {
  await openInConsole(m, await consoleUrl(m, code));
  await m.getByRole('button', { name: 'Cancel group' }).click();
  const dialog = m.getByRole('dialog', { name: 'Cancel this group?' });
  await dialog.getByRole('button', { name: 'Cancel group' }).click();
  await expect(dialog).toBeHidden();
}

/** What no closed group may still say: a hold in place, a need, a join, a price just unlocked. */
async function expectNothingOpenSaid(p: Page, opts = { celebration: true }): Promise<void> {
  await expect(body(p)).not.toContainText(/Holding \$|needed to go ahead|unlocks? \$|Join for|spots? left/);
  // The celebration of the last join is over once the group has closed.
  if (opts.celebration)
    await expect.soft(body(p)).not.toContainText(/unlocked|Enough people joined/, { timeout: 5_000 });
  await expect(p.getByTestId('join-form')).toHaveCount(0);
  await expect(p.getByTestId('member-panel')).toHaveCount(0);
  await expect(bar(p).getByRole('link', { name: 'Start a new group' })).toBeInViewport();
}

test('open below the minimum, at a bracket, closing, won, then refunded in part', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const merchant = await signInMerchant(browser);
  const deal = await dealFor(request, {
    title: 'States kettle',
    listPrice: 5000,
    tiers: [
      { minMembers: 2, unitPrice: 4000 },
      { minMembers: 4, unitPrice: 3500 },
    ],
    maxMembers: 6,
    qrCutoff: 6,
  });
  const ann = await newPhone(browser);
  const code = await openGroupFromDealPage(ann, deal.slug);
  // "Start a new group" lands on ?join=1: the cursor is in the name field.
  await expect(ann.getByTestId('join-form').getByLabel('Your name in the group')).toBeFocused();

  // 1. Open below the minimum: the price is conditional and nothing is "unlocked".
  const visitor = await visit(browser, code);
  await expect(headline(visitor)).toHaveText('2 people needed to go ahead at $40.00; at 4, $35.00');
  await expect(visitor.getByText('Nobody is charged unless the group reaches 2 people.')).toBeVisible();
  await expect(body(visitor)).not.toContainText(/unlock/i);
  await expect(bar(visitor)).toBeInViewport();
  await expect(bar(visitor)).toContainText('$40.00');
  await expect(bar(visitor)).toContainText('2 people needed to go ahead at $40.00');
  await expect(bar(visitor).getByRole('button', { name: 'Join for $40.00' })).toBeVisible();
  await shoot(visitor, '01-below-minimum-visitor');
  await expectFitsPhone(visitor, '01-below-minimum-visitor');

  await joinGroup(ann, { alias: 'Ann' });
  const consolePage = await consoleUrl(merchant, code);
  await expect(headline(ann)).toHaveText('1 more person needed to go ahead at $40.00; at 4, $35.00');
  await expect(headline(visitor)).toHaveText('1 more person needed to go ahead at $40.00; at 4, $35.00');
  await expect(ann.getByTestId('member-panel')).toContainText('Holding $40.00 on your card');
  await expect(body(ann)).not.toContainText(/unlock/i);
  await expect(bar(ann).getByRole('button', { name: 'Share with friends' })).toBeInViewport();
  await shoot(ann, '01-below-minimum-member');
  await expectFitsPhone(ann, '01-below-minimum-member');

  // 2. At a bracket: today's price, and how many more people unlock the next one (live for everyone).
  const bo = await visit(browser, code);
  await joinGroup(bo, { alias: 'Bo' });
  await expect(headline(visitor)).toHaveText('$40.00 each now; 2 more people unlock $35.00');
  await expect(headline(ann)).toHaveText('$40.00 each now; 2 more people unlock $35.00');
  await expect(visitor.getByText('Save 20%')).toBeVisible();
  await expect(bar(visitor)).toContainText('$40.00 now; 2 more people unlock $35.00');
  await expect(bar(visitor).getByRole('button', { name: 'Join for $40.00' })).toBeVisible();
  await shoot(visitor, '02-bracket-visitor');
  await expectFitsPhone(visitor, '02-bracket-visitor');
  await shoot(ann, '02-bracket-member');
  await expectFitsPhone(ann, '02-bracket-member');

  for (const alias of ['Cy', 'Di']) {
    const p = await visit(browser, code);
    await joinGroup(p, { alias });
  }
  await expect(headline(ann)).toHaveText('$35.00 each now, the best price');
  await expect(bar(visitor).getByRole('button', { name: 'Join for $35.00' })).toBeVisible();

  // 4. Closing: captures are slowed down in the Stripe emulator, so the group stays "closing" a while.
  await injectEmulatorFault(request, {
    path: '/v1/payment_intents/*/capture',
    delayMs: 15_000,
    times: 4,
  });
  await closeTestGroup(request, code);
  const charging = 'The group has closed; we are charging $35.00 of your $40.00 hold.';
  await expect(banner(ann)).toContainText(charging);
  await expect(banner(ann)).toContainText('Closed; going ahead at $35.00 each.');
  await expect(banner(visitor)).toContainText('Closed; going ahead at $35.00 each.');
  await expectNothingOpenSaid(visitor, { celebration: false });
  await shoot(ann, '04-closing-member');
  await shoot(visitor, '04-closing-visitor');
  // The photographs above show "closing", not a state that came after it.
  await expect(banner(ann)).toContainText(charging, { timeout: 1 });
  await expectFitsPhone(ann, '04-closing-member');

  // 5. Won: charged the final price, saved against the list price, the rest of the hold released.
  await expect(banner(ann)).toContainText('Charged $35.00; you saved $15.00 on the list price.', {
    timeout: 30_000,
  });
  await expect(banner(ann)).toContainText('The other $5.00 of your hold was released.');
  await expect(banner(ann)).toContainText('Went ahead at $35.00 each.');
  await expectNothingOpenSaid(ann);
  await expect(ann.getByRole('button', { name: /Leave/ })).toHaveCount(0);
  await expect(banner(visitor)).toContainText('Went ahead at $35.00 each.');
  await expectNothingOpenSaid(visitor);
  await shoot(ann, '05-won-member');
  await expectFitsPhone(ann, '05-won-member');
  await shoot(visitor, '05-won-visitor');
  await expectFitsPhone(visitor, '05-won-visitor');

  // The merchant refunds $10.00 of Ann's $35.00: said apart, and never counted as saving.
  await openInConsole(merchant, consolePage);
  await merchant.getByRole('button', { name: 'Refund Ann' }).click();
  const refund = merchant.getByRole('dialog', { name: 'Refund Ann' });
  await refund.getByLabel('Amount to refund (USD)').fill('10.00');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(refund).toBeHidden();
  await ann.reload();
  await expect(banner(ann)).toContainText('Refunded $10.00.');
  await expect(banner(ann)).toContainText('Charged $35.00; you saved $15.00 on the list price.');
  await expect(body(ann)).not.toContainText(/saved \$25\.00/);
  await expectNothingOpenSaid(ann);
  await shoot(ann, '05-won-refunded-member');
  await expectFitsPhone(ann, '05-won-refunded-member');
});

/** A two-seat lamp group ($15.00 from 1, $12.00 from 2) that Ann opened from the deal page and joined. */
async function twoSeatLampWithAnn(browser: Browser, request: APIRequestContext) {
  const deal = await dealFor(request, {
    title: 'States lamp',
    listPrice: 2000,
    tiers: [
      { minMembers: 1, unitPrice: 1500 },
      { minMembers: 2, unitPrice: 1200 },
    ],
    maxMembers: 2,
    qrCutoff: 2,
  });
  const ann = await newPhone(browser);
  const code = await openGroupFromDealPage(ann, deal.slug);
  await joinGroup(ann, { alias: 'Ann' });
  return { ann, code };
}

test('full: a visitor is told every seat is taken; the buyer who took the last seat can still approve', async ({
  browser,
  request,
}) => {
  const { code } = await twoSeatLampWithAnn(browser, request);
  // Bo's card needs the bank's approval: his seat is taken while he decides, so every seat is taken.
  const bo = await visit(browser, code);
  await submitJoin(bo, { alias: 'Bo', card: 'auth' });

  // 3. Full, as a visitor: no join form, a way on instead.
  const visitor = await visit(browser, code);
  await expect(visitor.getByRole('heading', { name: /Who.s in/ })).toContainText('(2)');
  await expect(banner(visitor)).toContainText('This group is full.');
  await expect(visitor.getByTestId('join-form')).toHaveCount(0);
  await expect(bar(visitor).getByRole('link', { name: 'Start a new group' })).toBeInViewport();
  await expect(body(visitor)).not.toContainText('Join for');
  // Nor does the chat message on the page invite anyone to a group with no seat left.
  await expect(visitor.getByTestId('share-panel')).toHaveCount(0);
  await shoot(visitor, '03-full-visitor');
  await expectFitsPhone(visitor, '03-full-visitor');

  // Bo took the last seat himself: he is not told the group is full, and his bank's step stays on screen.
  await shoot(bo, '03-full-last-seat-confirming');
  await expectFitsPhone(bo, '03-full-last-seat-confirming');
  await expect(banner(bo)).toHaveCount(0);
  const approve = bo.getByTestId('authenticate');
  await expect(approve).toContainText('Your bank asks you to approve this hold of $15.00.');
  await approve.getByRole('button', { name: 'Approve' }).click();
  await expect(banner(visitor)).toContainText('Filled up and went ahead at $12.00 each.', {
    timeout: 30_000,
  });
});

test('filled up: the last seat closes the group at once at the price its members reached', async ({
  browser,
  request,
}) => {
  const { ann, code } = await twoSeatLampWithAnn(browser, request);
  const visitor = await visit(browser, code);
  const bo = await visit(browser, code);
  await submitJoin(bo, { alias: 'Bo' });
  await expect(banner(visitor)).toContainText('Filled up and went ahead at $12.00 each.', {
    timeout: 30_000,
  });
  await expect(banner(ann)).toContainText('Charged $12.00; you saved $8.00 on the list price.', {
    timeout: 30_000,
  });
  await expect(banner(ann)).toContainText('The other $3.00 of your hold was released.');
  await expectNothingOpenSaid(visitor);
  await expectNothingOpenSaid(ann);
  await shoot(visitor, '03-filled-up-visitor');
  await expectFitsPhone(visitor, '03-filled-up-visitor');
  await shoot(ann, '03-filled-up-member');
  await expectFitsPhone(ann, '03-filled-up-member');
});

test('failed: not enough people; the member and a visitor read that every hold was released', async ({
  browser,
  request,
}) => {
  const deal = await dealFor(request, {
    title: 'States blender',
    listPrice: 3000,
    tiers: [{ minMembers: 3, unitPrice: 2400 }],
  });
  const ann = await newPhone(browser);
  const code = await openGroupFromDealPage(ann, deal.slug);
  await joinGroup(ann, { alias: 'Ann' });
  const visitor = await visit(browser, code);
  await expect(headline(visitor)).toHaveText('2 more people needed to go ahead at $24.00');

  await closeTestGroup(request, code);
  // 6. Failed.
  await expect(banner(ann)).toContainText(
    'Not enough people joined; your hold was released and you paid nothing.',
    { timeout: 30_000 },
  );
  await expect(banner(ann)).toContainText('Did not reach 3 people (1 joined); every hold was released.');
  await expect(banner(visitor)).toContainText('Did not reach 3 people (1 joined); every hold was released.');
  for (const p of [ann, visitor]) {
    await expect(body(p)).not.toContainText(SAVE_BADGE);
    await expectNothingOpenSaid(p);
  }
  await shoot(ann, '06-failed-member');
  await expectFitsPhone(ann, '06-failed-member');
  await shoot(visitor, '06-failed-visitor');
  await expectFitsPhone(visitor, '06-failed-visitor');
});

test('ended early by the merchant (won and short of the minimum) and canceled by the merchant', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);
  const merchant = await signInMerchant(browser);
  const deal = await dealFor(request, {
    title: 'States backpack',
    listPrice: 2500,
    tiers: [
      { minMembers: 2, unitPrice: 2000 },
      { minMembers: 3, unitPrice: 1800 },
    ],
    maxMembers: 5,
    qrCutoff: 5,
  });
  const ann = await newPhone(browser);
  const won = await openGroupFromDealPage(ann, deal.slug);
  await joinGroup(ann, { alias: 'Ann' });
  const bo = await visit(browser, won);
  await joinGroup(bo, { alias: 'Bo' });
  const cy = await newPhone(browser);
  const short = await openGroupFromDealPage(cy, deal.slug);
  await joinGroup(cy, { alias: 'Cy' });
  const di = await newPhone(browser);
  const canceled = await openGroupFromDealPage(di, deal.slug);
  await joinGroup(di, { alias: 'Di' });

  // 7. Ended early at its minimum: it went ahead, and says it was ended early.
  await endNow(merchant, won);
  await expect(banner(ann)).toContainText('Charged $20.00; you saved $5.00 on the list price.', {
    timeout: 30_000,
  });
  await expect(banner(ann)).toContainText('Ended early by the merchant; went ahead at $20.00 each.');
  const visitor = await visit(browser, won);
  await expect(banner(visitor)).toContainText('Ended early by the merchant; went ahead at $20.00 each.');
  await expectNothingOpenSaid(visitor);
  await shoot(ann, '07-ended-early-won-member');
  await expectFitsPhone(ann, '07-ended-early-won-member');
  await shoot(visitor, '07-ended-early-won-visitor');
  await expectFitsPhone(visitor, '07-ended-early-won-visitor');

  // 7. Ended early below the minimum: not "not enough people joined", and no saving.
  await endNow(merchant, short);
  await expect(banner(cy)).toContainText(
    'The merchant ended the group early; your hold was released and you paid nothing.',
    { timeout: 30_000 },
  );
  const endedShort = 'Ended early by the merchant before it reached 2 people; every hold was released.';
  await expect(banner(cy)).toContainText(endedShort);
  await visitor.goto(`/g/${short}`);
  await expect(banner(visitor)).toContainText(endedShort);
  for (const p of [cy, visitor]) {
    await expect(body(p)).not.toContainText(SAVE_BADGE);
    await expect(body(p)).not.toContainText('Not enough people joined');
    await expectNothingOpenSaid(p);
  }
  await shoot(cy, '07-ended-early-short-member');
  await expectFitsPhone(cy, '07-ended-early-short-member');
  await shoot(visitor, '07-ended-early-short-visitor');
  await expectFitsPhone(visitor, '07-ended-early-short-visitor');

  // 8. Canceled by the merchant.
  await cancelGroup(merchant, canceled);
  await expect(banner(di)).toContainText(
    'The group was canceled; your hold was released and you paid nothing.',
    { timeout: 30_000 },
  );
  await expect(banner(di)).toContainText('Canceled; every hold was released and nobody paid.');
  await visitor.goto(`/g/${canceled}`);
  await expect(banner(visitor)).toContainText('Canceled; every hold was released and nobody paid.');
  for (const p of [di, visitor]) {
    await expect(body(p)).not.toContainText(SAVE_BADGE);
    await expectNothingOpenSaid(p);
  }
  await shoot(di, '08-canceled-member');
  await expectFitsPhone(di, '08-canceled-member');
  await shoot(visitor, '08-canceled-visitor');
  await expectFitsPhone(visitor, '08-canceled-visitor');
});

test('declined: a plain sentence and no seat; left: the hold was released and the name is kept', async ({
  browser,
  request,
}) => {
  const deal = await dealFor(request, {
    title: 'States teapot',
    listPrice: 2000,
    tiers: [{ minMembers: 2, unitPrice: 1500 }],
  });
  const dee = await newPhone(browser);
  const code = await openGroupFromDealPage(dee, deal.slug);

  // 10. Declined.
  await submitJoin(dee, { alias: 'Dee', card: 'declined' });
  await expect(dee.getByTestId('join-error')).toHaveText(/declined/i);
  await expect(dee.getByTestId('join-error')).not.toHaveText(/card_declined|error|undefined/);
  await expect(dee.getByTestId('member-panel')).toHaveCount(0);
  await dee.reload();
  await expect(banner(dee)).toContainText('Your card could not be held or charged, so you were not charged.');
  await expect(banner(dee)).toContainText('You can join again below while the group is open.');
  await expect(headline(dee)).toHaveText('2 people needed to go ahead at $15.00');
  await expect(dee.getByRole('heading', { name: /Who.s in/ })).toContainText('(0)');
  await expect(dee.getByTestId('join-form')).toBeVisible();
  await shoot(dee, '10-declined');
  await expectFitsPhone(dee, '10-declined');

  // ?join=1 for a visitor from a shared link: the cursor is in the name field.
  const ann = await newPhone(browser);
  await ann.goto(`/g/${code}?join=1`);
  await expect(ann.getByTestId('join-form').getByLabel('Your name in the group')).toBeFocused();
  await joinGroup(ann, { alias: 'Ann' });

  // 9. Left: the page says the hold was released, and the form keeps the name Ann chose.
  await ann.getByRole('button', { name: /^Leave/ }).click();
  await ann.getByRole('button', { name: 'Yes, leave' }).click();
  await expect(banner(ann)).toContainText('You left this group; your hold of $15.00 was released.');
  await expect(banner(ann)).toContainText('You can join again below while the group is open.');
  await expect(ann.getByTestId('member-panel')).toHaveCount(0);
  await expect(ann.getByRole('heading', { name: /Who.s in/ })).toContainText('(0)');
  await expect(bar(ann).getByRole('button', { name: 'Join for $15.00' })).toBeInViewport();
  await shoot(ann, '09-left');
  await expectFitsPhone(ann, '09-left');
  await expect(ann.getByTestId('join-form').getByLabel('Your name in the group')).toHaveValue('Ann');
});
