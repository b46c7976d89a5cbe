// Connected accounts (Stripe Express): a shop's, so its groups' payments are transferred to it, and a
// helper-seller's, so their commissions can be paid. One row per owner; Stripe's view of it is copied on
// return from onboarding and on every account.updated webhook.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { connectedAccounts, type ConnectedAccountRow } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordAccountState } from './account-state';
export { canReceiveTransfers, canTakePayments } from './account-rules';

export type AccountOwner = { kind: 'merchant'; merchantId: string } | { kind: 'sharer'; userId: string };

/** What a person sees of their account: may it take payments, may it be paid, what Stripe still needs. */
export type AccountView = {
  connected: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
};

export const NOT_CONNECTED: AccountView = {
  connected: false,
  chargesEnabled: false,
  payoutsEnabled: false,
  detailsSubmitted: false,
  requirementsDue: [],
};

/** Runs a Stripe call a person waits on; Stripe not answering is a sentence, never a 500. */
async function viaStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    console.error('[connect]', err);
    throw new DomainError('PAYMENT_UNAVAILABLE', 'connect.unavailable');
  }
}

const ownerWhere = (o: AccountOwner) =>
  o.kind === 'merchant'
    ? eq(connectedAccounts.merchantId, o.merchantId)
    : eq(connectedAccounts.userId, o.userId);

/** The owner's connected account row, or null. */
export async function findAccount(
  db: Deps['db'] | Tx,
  owner: AccountOwner,
): Promise<ConnectedAccountRow | null> {
  const [row] = await db.select().from(connectedAccounts).where(ownerWhere(owner));
  return row ?? null;
}

export function accountView(row: ConnectedAccountRow | null): AccountView {
  if (!row) return NOT_CONNECTED;
  return {
    connected: true,
    chargesEnabled: row.chargesEnabled,
    payoutsEnabled: row.payoutsEnabled,
    detailsSubmitted: row.detailsSubmitted,
    requirementsDue: row.requirementsDue,
  };
}

/** The owner's account, created at Stripe (once: the key names the owner) and recorded when it is new. */
export async function ensureAccount(
  deps: Deps,
  owner: AccountOwner,
  email: string | null,
): Promise<ConnectedAccountRow> {
  const existing = await findAccount(deps.db, owner);
  if (existing) return existing;
  const key = owner.kind === 'merchant' ? `merchant:${owner.merchantId}` : `sharer:${owner.userId}`;
  const state = await viaStripe(() =>
    deps.payments.createAccount({
      key,
      email,
      metadata: owner.kind === 'merchant' ? { merchant_id: owner.merchantId } : { user_id: owner.userId },
    }),
  );
  await deps.db
    .insert(connectedAccounts)
    .values({
      id: state.accountId,
      ...(owner.kind === 'merchant' ? { merchantId: owner.merchantId } : { userId: owner.userId }),
      chargesEnabled: state.chargesEnabled,
      payoutsEnabled: state.payoutsEnabled,
      detailsSubmitted: state.detailsSubmitted,
      transfersActive: state.transfersActive,
      requirementsDue: state.requirementsDue,
    })
    .onConflictDoNothing();
  const row = await findAccount(deps.db, owner);
  if (!row) throw new Error('connected account insert returned no row');
  return row;
}

/** Where the person goes to finish onboarding: Stripe's hosted form, or in the demo the app's own stand-in. */
export async function onboardingUrl(
  deps: Deps,
  owner: AccountOwner,
  email: string | null,
): Promise<{ url: string; demo: boolean }> {
  const row = await ensureAccount(deps, owner, email);
  const who = owner.kind === 'merchant' ? 'merchant' : 'sharer';
  if (deps.payments.completeDemoOnboarding) {
    return { url: `/connect/demo?for=${who}`, demo: true };
  }
  const back = owner.kind === 'merchant' ? '/merchant/payments?connect=return' : '/me?connect=return';
  const { url } = await viaStripe(() =>
    deps.payments.accountLink({
      accountId: row.id,
      returnUrl: `${deps.appUrl}${back}`,
      refreshUrl: `${deps.appUrl}/connect/refresh?for=${who}`,
    }),
  );
  return { url, demo: false };
}

/** Reads the owner's account from Stripe and records it (the return from onboarding). */
export async function refreshAccount(deps: Deps, owner: AccountOwner): Promise<AccountView> {
  const row = await findAccount(deps.db, owner);
  if (!row) return NOT_CONNECTED;
  const state = await viaStripe(() => deps.payments.retrieveAccount(row.id));
  const applied = await deps.db.transaction((tx) => recordAccountState(tx, state, deps.now()));
  return accountView(applied ?? row);
}

/** Demo only: finishes the owner's onboarding as if they completed Stripe's form, then records it. */
export async function completeDemoOnboarding(deps: Deps, owner: AccountOwner): Promise<AccountView> {
  const complete = deps.payments.completeDemoOnboarding;
  if (!complete) throw new DomainError('CONFLICT', 'connect.notDemo');
  const row = await findAccount(deps.db, owner);
  if (!row) throw new DomainError('NOT_FOUND', 'connect.noAccount');
  await viaStripe(() => complete(row.id));
  return refreshAccount(deps, owner);
}
