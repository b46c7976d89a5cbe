// Helpers for the shopper e2e specs: test-only API routes (deals, close, emulator) and the page steps a
// buyer takes (open a group, join with a test card). Edit when the shopper pages' wording changes.
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

export type TestDealInput = {
  title?: string;
  description?: string;
  currency?: string;
  listPrice: number;
  tiers: { minMembers: number; unitPrice: number }[];
  windowSeconds?: number;
  maxMembers?: number;
  qrCutoff?: number;
  perBuyerMax?: number;
  /** The e-mail of a signed-up merchant who owns the deal (default: a test merchant nobody signs in as). */
  ownerEmail?: string;
};

export type EmulatorIntent = {
  id: string;
  status: string;
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  metadata: Record<string, string>;
};

/** Creates and publishes a deal with exact terms through the FLOCK_TEST_MODE-only route. */
export async function createTestDeal(
  request: APIRequestContext,
  input: TestDealInput,
): Promise<{ id: string; slug: string }> {
  const res = await request.post('/api/test/deals', {
    data: {
      title: `E2E deal ${Date.now()}`,
      description: 'A deal made by the shopper tests.',
      currency: 'USD',
      windowSeconds: 3600,
      maxMembers: 20,
      qrCutoff: 20,
      perBuyerMax: 1,
      ...input,
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as { id: string; slug: string };
}

/** Ends a group now, as its deadline job would (test-only route). */
export async function closeTestGroup(request: APIRequestContext, code: string): Promise<void> {
  const res = await request.post(`/api/test/groups/${code}/close`);
  expect(res.ok(), await res.text()).toBe(true);
}

/** The PaymentIntents the Stripe emulator holds for one group (by our metadata). */
export async function intentsForGroup(request: APIRequestContext, code: string): Promise<EmulatorIntent[]> {
  const res = await request.get(`/api/test/emulator?code=${code}`);
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { paymentIntents: EmulatorIntent[] }).paymentIntents;
}

/** Makes the Stripe emulator fail or delay matching requests, e.g. slow captures to watch a group closing. */
export async function injectEmulatorFault(
  request: APIRequestContext,
  fault: { path: string; delayMs?: number; status?: number; times?: number; method?: string },
): Promise<void> {
  const res = await request.post('/api/test/emulator/faults', { data: fault });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Removes every fault injected into the Stripe emulator. */
export async function clearEmulatorFaults(request: APIRequestContext): Promise<void> {
  const res = await request.delete('/api/test/emulator/faults');
  expect(res.ok(), await res.text()).toBe(true);
}

/** Opens a new group from the deal page and returns its code (the page is then on /g/<code>). */
export async function openGroupFromDealPage(page: Page, slug: string): Promise<string> {
  await page.goto(`/d/${slug}`);
  await page.getByRole('button', { name: 'Start a new group' }).click();
  await page.waitForURL(/\/g\/[a-z0-9]{8,16}(\?join=1)?$/);
  const code = new URL(page.url()).pathname.split('/').pop();
  if (!code) throw new Error('no group code in the URL');
  return code;
}

export const CARDS = {
  visa: 'Card that succeeds',
  declined: 'Card that is declined',
  insufficient: 'Insufficient funds',
  auth: 'Needs authentication',
} as const;

export type JoinMethod = 'Delivery' | 'Pick up' | 'Voucher';

/** A shipping address by the join form's English labels ('Full name', 'ZIP code', 'Prefecture' …). */
export type FormAddress = { country?: string } & Record<string, string>;

/** Addresses that pass Google's rules for the countries the demo and test deals ship to. */
export const TEST_ADDRESSES: Record<string, FormAddress> = {
  US: {
    'Full name': 'Ann Lee',
    'Street address': '1 Main Street',
    City: 'Springfield',
    State: 'IL',
    'ZIP code': '62701',
  },
  JP: {
    'Full name': '山田 花子',
    'Postal code': '150-0001',
    Prefecture: '東京都',
    'Street address': '渋谷区神宮前1-2-3',
  },
  DE: {
    'Full name': 'Anna Weber',
    'Street address': 'Hauptstraße 1',
    'Postal code': '10115',
    City: 'Berlin',
  },
  GB: {
    'Full name': 'Ann Lee',
    'Street address': '1 High Street',
    'Post town': 'London',
    'Postal code': 'EC1Y 8SY',
  },
};

/**
 * Fills the join form on the current group page and submits it: name, quantity, then what the deal's
 * fulfilment asks (the method when it offers several, a contact e-mail, the address or the pickup point;
 * defaults: the first method, `<alias>@example.test`, TEST_ADDRESSES for the chosen country, the first
 * pickup point), then the test card.
 */
export async function submitJoin(
  page: Page,
  opts: {
    alias: string;
    card?: keyof typeof CARDS;
    quantity?: number;
    method?: JoinMethod;
    email?: string;
    phone?: string;
    address?: FormAddress;
    /** The pickup point's name (default: the first offered). */
    pickupPoint?: string;
  },
): Promise<void> {
  const form = page.getByTestId('join-form');
  await form.getByLabel('Your name in the group').fill(opts.alias);
  if (opts.quantity) await form.getByLabel('Quantity').selectOption(String(opts.quantity));
  const methods = form.getByRole('group', { name: 'How do you want to receive it?' });
  if (await methods.isVisible()) {
    if (opts.method) await methods.getByRole('radio', { name: opts.method }).check();
    else await methods.getByRole('radio').first().check();
  }
  const slug = opts.alias.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'buyer';
  await form.getByLabel('E-mail', { exact: true }).fill(opts.email ?? `${slug}@example.test`);
  if (opts.phone) await form.getByLabel('Phone (optional)').fill(opts.phone);
  const address = form.getByTestId('address-fields');
  if (await address.isVisible()) await fillAddress(address, opts.address);
  const points = form.getByTestId('pickup-points');
  if (await points.isVisible()) {
    const radio = opts.pickupPoint
      ? points.getByRole('radio', { name: opts.pickupPoint })
      : points.getByRole('radio').first();
    await radio.check();
  }
  await form.getByLabel(CARDS[opts.card ?? 'visa']).check();
  // "Join and hold $X", or on a long window (the card saved, nothing held) "Join and save my card".
  await form.getByRole('button', { name: /^Join and (hold|save my card)/ }).click();
}

/** Chooses the country (when there is a choice) and fills the fields its form shows. */
async function fillAddress(fields: Locator, given: FormAddress | undefined): Promise<void> {
  const country = fields.getByLabel('Country or region');
  if (given?.country) await country.selectOption(given.country);
  // Several countries and none given: the first the deal ships to that has a test address here.
  else if ((await country.inputValue()) === '') {
    const offered = await country
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const known = offered.find((c) => c in TEST_ADDRESSES);
    if (known) await country.selectOption(known);
    else await country.selectOption({ index: 1 });
  }
  await expect(country).not.toHaveValue('');
  const code = await country.inputValue();
  // The country's fields load from the server: wait for the recipient's name, which every country has.
  await expect(fields.getByLabel('Full name')).toBeVisible();
  const values = Object.entries(given ?? TEST_ADDRESSES[code] ?? {}).filter(([k]) => k !== 'country');
  for (const [label, value] of values) {
    const field = fields.getByLabel(new RegExp(`^${label}( \\(optional\\))?$`));
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

/** Joins with a card that succeeds and waits for the member panel. */
export async function joinGroup(page: Page, opts: { alias: string; quantity?: number }): Promise<void> {
  await submitJoin(page, { ...opts, card: 'visa' });
  await expect(page.getByTestId('member-panel')).toBeVisible();
}

/** Polls until `check` passes (for state that settles in the background, like captures). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, 300));
    last = await read();
  }
  return last;
}
