// Stripe Connect webhooks keep the console true (issue 18): account.updated changes what a shop may do,
// payout.* lists the shop's payouts, transfer.reversed records a commission taken back; each applied once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@/test/harness';
import { eventBody, webhookDriver, type WebhookDriver } from '@/test/webhooks';
import { emulatorControl } from '@/tools/stripe-emulator/index';

let h: Harness;
let hooks: WebhookDriver;

beforeAll(async () => {
  h = await createHarness();
  hooks = webhookDriver(h);
});
afterAll(async () => h.close());

const event = (type: string, object: unknown, account?: string) => eventBody(type, object, { account });

async function shopAccount(merchantId: string): Promise<string> {
  const row = await h.t.db.query.connectedAccounts.findFirst({
    where: (a, { eq }) => eq(a.merchantId, merchantId),
  });
  if (!row) throw new Error('no account');
  return row.id;
}

describe('Connect webhooks', () => {
  it('account.updated tells the shop what Stripe needs, once per event', async () => {
    const shop = await h.makeMerchant({ name: 'Hook Shop' });
    const account = await shopAccount(shop.merchantId);
    await emulatorControl(h.emulatorUrl).setRequirements(account, ['individual.dob.day']);
    const body = event('account.updated', await hooks.stripe.accounts.retrieve(account), account);
    expect((await hooks.deliver(body)).body).toMatchObject({ received: true, note: 'account updated' });
    const view = await h.caller(shop.user, shop.merchantId).payouts.merchant();
    expect(view.account).toMatchObject({ chargesEnabled: false, requirementsDue: ['individual.dob.day'] });
    expect((await hooks.deliver(body)).body).toMatchObject({ duplicate: true });
    // An account that is not ours is acknowledged and changes nothing.
    const stranger = await hooks.stripe.accounts.create({ type: 'express' });
    expect((await hooks.deliver(event('account.updated', stranger, stranger.id))).body).toMatchObject({
      note: 'not one of our accounts',
    });
  });

  it('payout events list the shop’s payouts with their latest status', async () => {
    const shop = await h.makeMerchant({ name: 'Payout Shop' });
    const account = await shopAccount(shop.merchantId);
    // A $50.00 destination charge with a $2.00 fee leaves $48.00 in the shop's balance.
    await hooks.stripe.paymentIntents.create({
      amount: 5000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      confirm: true,
      transfer_data: { destination: account },
      application_fee_amount: 200,
    });
    const [payout] = await emulatorControl(h.emulatorUrl).payout(account);
    if (!payout) throw new Error('no payout');
    expect(payout.amount).toBe(4800);
    await hooks.deliver(event('payout.created', { ...payout, status: 'pending' }, account));
    await hooks.deliver(event('payout.paid', payout, account));
    const view = await h.caller(shop.user, shop.merchantId).payouts.merchant();
    expect(view.payouts).toMatchObject([{ id: payout.id, amount: 4800, currency: 'USD', status: 'paid' }]);
    expect(view.balance?.available.find((b) => b.currency === 'USD')?.amount ?? 0).toBe(0);
  });
});
