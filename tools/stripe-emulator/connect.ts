// Stripe Connect as the emulator implements it: Express accounts and their onboarding (account links and
// a local onboarding page), destination charges (a Transfer and an ApplicationFee when money is taken),
// refunds that reverse the transfer and refund the fee, transfers, balances and payouts. Resources call
// in here; every object lives in the Store, so it is journaled like the rest.
import { THREE_DECIMAL } from './currencies';
import {
  ApiError,
  bool,
  currency,
  hash,
  int,
  invalidParam,
  mergeMetadata,
  missing,
  oneOf,
  reqStr,
  str,
  type Params,
} from './params';
import {
  newId,
  PLATFORM,
  type Account,
  type AccountLinkRecord,
  type AccountRequirements,
  type ApplicationFee,
  type Charge,
  type FeeRefund,
  type PaymentIntent,
  type Payout,
  type Refund,
  type Store,
  type Transfer,
  type TransferReversal,
} from './state';

/** How long an account link can be used, in emulator seconds (Stripe: "a few minutes"). */
export const ACCOUNT_LINK_SECONDS = 300;
/** The platform's Connect application, as ApplicationFee.application names it. */
const APPLICATION = 'ca_emulator';
const MAX_AMOUNT = 99_999_999;

/** What an individual's Express onboarding asks for before charges and payouts are enabled. */
const INDIVIDUAL_DUE = [
  'business_profile.mcc',
  'business_profile.url',
  'external_account',
  'individual.dob.day',
  'individual.dob.month',
  'individual.dob.year',
  'individual.email',
  'individual.first_name',
  'individual.last_name',
  'individual.phone',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];
/** The same for a company. */
const COMPANY_DUE = [
  'business_profile.mcc',
  'business_profile.url',
  'company.address.city',
  'company.address.line1',
  'company.address.postal_code',
  'company.name',
  'company.tax_id',
  'external_account',
  'representative.first_name',
  'representative.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];

/** A default currency for the countries most platforms onboard; others settle in EUR here. */
const COUNTRY_CURRENCY: Record<string, string> = {
  US: 'usd',
  GB: 'gbp',
  CA: 'cad',
  AU: 'aud',
  NZ: 'nzd',
  JP: 'jpy',
  SG: 'sgd',
  HK: 'hkd',
  CH: 'chf',
  SE: 'sek',
  NO: 'nok',
  DK: 'dkk',
  PL: 'pln',
  CZ: 'czk',
  MX: 'mxn',
  BR: 'brl',
  IN: 'inr',
};

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** What Connect needs from the Api: the store, events, list pages and the request in progress. */
export interface ConnectContext {
  store: Store;
  emit(type: string, object: object, previous?: object, account?: string): void;
  list<T extends { id: string }>(
    map: Map<string, T>,
    p: Params,
    url: string,
    keep?: (o: T) => boolean,
  ): ListPage<T>;
  /** The connected account named by the request's Stripe-Account header, or null. */
  stripeAccount(): string | null;
  /** The emulator's own origin as the client reached it (http://host:port). */
  origin(): string;
}

/** A reply of the onboarding page: HTML or a redirect. */
export interface PageReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** What a refund asks of a destination charge. */
export interface RefundFlags {
  reverseTransfer: boolean;
  refundApplicationFee: boolean;
}

/** round(a × b / c), halves up, in exact integer arithmetic: floor((2ab + c) / 2c). */
export function roundHalfUp(a: number, b: number, c: number): number {
  if (c <= 0) return 0;
  const big = (BigInt(a) * BigInt(b) * 2n + BigInt(c)) / (BigInt(c) * 2n);
  return Number(big);
}

function requirements(due: string[]): AccountRequirements {
  return {
    alternatives: [],
    current_deadline: null,
    currently_due: [...due],
    disabled_reason: due.length > 0 ? 'requirements.past_due' : null,
    errors: [],
    eventually_due: [...due],
    past_due: [...due],
    pending_verification: [],
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function httpUrl(p: Params, name: string): string {
  const v = reqStr(p, name);
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw invalidParam(name, `Invalid URL: ${v}`, 'url_invalid');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalidParam(name, `Invalid URL: ${v}`, 'url_invalid');
  return v;
}

function positiveAmount(p: Params, name: string, cur: string, required: boolean): number | undefined {
  const amount = int(p, name, 1);
  if (amount === undefined) {
    if (required) throw invalidParam(name, `Missing required param: ${name}.`, 'parameter_missing');
    return undefined;
  }
  if (amount > MAX_AMOUNT)
    throw invalidParam(name, `Amount must be no more than ${MAX_AMOUNT}.`, 'amount_too_large');
  if (THREE_DECIMAL.has(cur) && amount % 10 !== 0)
    throw invalidParam(name, `Amounts in ${cur.toUpperCase()} must be divisible by 10.`, 'invalid_amount');
  return amount;
}

export class Connect {
  constructor(private readonly ctx: ConnectContext) {}

  private get store(): Store {
    return this.ctx.store;
  }

  // ---- accounts ----

  account(id: string, param?: string): Account {
    const found = this.store.accounts.get(id);
    if (!found) throw missing('account', id, param);
    return found;
  }

  createAccount(p: Params): Account {
    const type = oneOf(p, 'type', ['express', 'standard', 'custom'] as const);
    if (type === undefined)
      throw invalidParam(
        'type',
        'Missing required param: type (the emulator does not emulate accounts created by controller).',
        'parameter_missing',
      );
    const countryParam = str(p, 'country') ?? 'US';
    if (!/^[A-Za-z]{2}$/.test(countryParam))
      throw invalidParam('country', `Country '${countryParam}' is unknown. Try using a 2-character code.`);
    const country = countryParam.toUpperCase();
    const defaultCurrency = currency(p, 'default_currency') ?? COUNTRY_CURRENCY[country] ?? 'eur';
    const businessType =
      oneOf(p, 'business_type', ['individual', 'company', 'non_profit', 'government_entity'] as const) ??
      null;
    const capabilities: Record<string, 'inactive'> = {};
    const caps = hash(p, 'capabilities');
    for (const [name, value] of Object.entries(caps ?? {})) {
      if (!/^[a-z_]{1,60}$/.test(name)) throw invalidParam(`capabilities[${name}]`, 'Unknown capability.');
      if (typeof value !== 'object' || Array.isArray(value))
        throw invalidParam(`capabilities[${name}]`, 'Invalid hash: expected { requested: boolean }.');
      if (bool(value, 'requested') === true) capabilities[name] = 'inactive';
    }
    if (Object.keys(capabilities).length === 0) {
      capabilities['card_payments'] = 'inactive';
      capabilities['transfers'] = 'inactive';
    }
    const profile = hash(p, 'business_profile') ?? {};
    const id = newId('acct');
    const due = businessType === 'individual' || businessType === null ? INDIVIDUAL_DUE : COMPANY_DUE;
    const account: Account = {
      id,
      object: 'account',
      business_profile: {
        name: str(profile, 'name') ?? null,
        url: str(profile, 'url') ?? null,
        mcc: str(profile, 'mcc') ?? null,
        product_description: str(profile, 'product_description') ?? null,
      },
      business_type: businessType,
      capabilities,
      charges_enabled: false,
      controller: { type: 'application', is_controller: true },
      country,
      created: this.store.now(),
      default_currency: defaultCurrency,
      details_submitted: false,
      email: str(p, 'email') ?? null,
      external_accounts: {
        object: 'list',
        data: [],
        has_more: false,
        total_count: 0,
        url: `/v1/accounts/${id}/external_accounts`,
      },
      future_requirements: requirements([]),
      metadata: mergeMetadata(p, {}),
      payouts_enabled: false,
      requirements: requirements(due),
      settings: null,
      tos_acceptance: { date: null, ip: null, user_agent: null },
      type,
    };
    this.store.accounts.set(id, account);
    return account;
  }

  updateAccount(p: Params, account: Account): Account {
    const email = str(p, 'email');
    const metadata = mergeMetadata(p, account.metadata);
    const profile = hash(p, 'business_profile');
    const previous: Record<string, unknown> = {};
    if (email !== undefined && email !== account.email) {
      previous['email'] = account.email;
      account.email = email === '' ? null : email;
    }
    if (JSON.stringify(metadata) !== JSON.stringify(account.metadata)) {
      previous['metadata'] = account.metadata;
      account.metadata = metadata;
    }
    if (profile !== undefined) {
      const next = {
        name: str(profile, 'name') ?? account.business_profile.name,
        url: str(profile, 'url') ?? account.business_profile.url,
        mcc: str(profile, 'mcc') ?? account.business_profile.mcc,
        product_description:
          str(profile, 'product_description') ?? account.business_profile.product_description,
      };
      previous['business_profile'] = account.business_profile;
      account.business_profile = next;
    }
    if (Object.keys(previous).length > 0) this.ctx.emit('account.updated', account, previous, account.id);
    return account;
  }

  listAccounts(p: Params): ListPage<Account> {
    return this.ctx.list(this.store.accounts, p, '/v1/accounts');
  }

  /** Onboarding finished: details submitted, nothing due, charges and payouts enabled, capabilities active. */
  completeOnboarding(id: string): Account {
    const account = this.account(id);
    const previous = {
      charges_enabled: account.charges_enabled,
      payouts_enabled: account.payouts_enabled,
      details_submitted: account.details_submitted,
      capabilities: { ...account.capabilities },
      requirements: account.requirements,
    };
    account.details_submitted = true;
    account.tos_acceptance = { date: this.store.now(), ip: '127.0.0.1', user_agent: 'stripe-emulator' };
    this.enable(account, []);
    this.ctx.emit('account.updated', account, previous, account.id);
    return account;
  }

  /** Puts requirements back (or clears them): anything due disables charges, payouts and capabilities. */
  setRequirements(id: string, currentlyDue: string[]): Account {
    const account = this.account(id);
    const previous = {
      charges_enabled: account.charges_enabled,
      payouts_enabled: account.payouts_enabled,
      capabilities: { ...account.capabilities },
      requirements: account.requirements,
    };
    this.enable(account, currentlyDue);
    this.ctx.emit('account.updated', account, previous, account.id);
    return account;
  }

  private enable(account: Account, due: string[]): void {
    const ok = due.length === 0;
    account.requirements = requirements(due);
    account.charges_enabled = ok;
    account.payouts_enabled = ok;
    for (const name of Object.keys(account.capabilities))
      account.capabilities[name] = ok ? 'active' : 'inactive';
  }

  /** A destination must exist and be able to receive transfers. */
  checkDestination(destination: string, param: string): Account {
    const account = this.store.accounts.get(destination);
    if (!account) throw missing('destination', destination, param);
    if (account.capabilities['transfers'] !== 'active') {
      throw invalidParam(
        param,
        `Your destination account ${destination} needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments.`,
        'insufficient_capabilities_for_transfer',
      );
    }
    return account;
  }

  // ---- account links and the onboarding page ----

  createAccountLink(p: Params): object {
    const accountId = reqStr(p, 'account');
    this.account(accountId, 'account');
    const refreshUrl = httpUrl(p, 'refresh_url');
    const returnUrl = httpUrl(p, 'return_url');
    const type = oneOf(p, 'type', ['account_onboarding', 'account_update'] as const);
    if (type === undefined) throw invalidParam('type', 'Missing required param: type.', 'parameter_missing');
    const now = this.store.now();
    const link: AccountLinkRecord = {
      id: newId('link'),
      account: accountId,
      created: now,
      expires_at: now + ACCOUNT_LINK_SECONDS,
      refresh_url: refreshUrl,
      return_url: returnUrl,
      type,
      used: false,
    };
    this.store.accountLinks.set(link.id, link);
    return {
      object: 'account_link',
      created: link.created,
      expires_at: link.expires_at,
      url: `${this.ctx.origin()}/connect/onboarding/${link.id}`,
    };
  }

  /**
   * GET shows the onboarding page; POST (the page's form) completes onboarding, or leaves it as it is, and
   * redirects to return_url. A used or expired link redirects to refresh_url.
   */
  onboardingPage(method: string, linkId: string, form: URLSearchParams): PageReply {
    const link = this.store.accountLinks.get(linkId);
    if (!link) return page(404, '<h1>Unknown or removed onboarding link</h1>');
    if (link.used || link.expires_at <= this.store.now()) return redirect(link.refresh_url);
    if (method === 'GET') {
      const account = this.account(link.account);
      const due = account.requirements.currently_due;
      return page(
        200,
        `<h1>Stripe emulator: Express onboarding</h1>
<p>Account <code id="account">${escapeHtml(account.id)}</code>${account.email ? ` (${escapeHtml(account.email)})` : ''}</p>
<p>${due.length > 0 ? `Still due: ${due.map(escapeHtml).join(', ')}.` : 'Nothing is due.'}</p>
<form method="post">
<button type="submit" name="action" value="complete">Complete onboarding</button>
<button type="submit" name="action" value="leave">Return without finishing</button>
</form>`,
      );
    }
    if (method !== 'POST') return page(405, '<h1>Method not allowed</h1>');
    link.used = true;
    if (form.get('action') !== 'leave') this.completeOnboarding(link.account);
    return redirect(link.return_url);
  }

  // ---- balances ----

  private credit(account: string, cur: string, delta: number): void {
    if (delta === 0) return;
    const rec = this.store.balances.get(account) ?? { id: account, available: {} };
    rec.available[cur] = (rec.available[cur] ?? 0) + delta;
    this.store.balances.set(account, rec);
  }

  private available(account: string, cur: string): number {
    return this.store.balances.get(account)?.available[cur] ?? 0;
  }

  /** GET /v1/balance: the platform's, or with Stripe-Account the connected account's. */
  balance(): object {
    const acct = this.ctx.stripeAccount();
    const rec = this.store.balances.get(acct ?? PLATFORM);
    const fallback = acct === null ? 'usd' : this.account(acct).default_currency;
    const entries = Object.entries(rec?.available ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const list = entries.length > 0 ? entries : [[fallback, 0] as const];
    return {
      object: 'balance',
      available: list.map(([cur, amount]) => ({ amount, currency: cur, source_types: { card: amount } })),
      livemode: false,
      pending: list.map(([cur]) => ({ amount: 0, currency: cur, source_types: { card: 0 } })),
    };
  }

  /** Funds a captured charge brings to the platform (called for every capture, Connect or not). */
  captured(cur: string, amount: number): void {
    this.credit(PLATFORM, cur, amount);
  }

  // ---- destination charges ----

  /**
   * Money was taken on a charge: for a destination charge, makes the ApplicationFee and the Transfer and
   * moves the transfer to the connected account. Returns what announces them, to run after the charge's
   * own events.
   */
  settleDestination(pi: PaymentIntent, charge: Charge, amount: number, fee: number | null): () => void {
    charge.application_fee_amount = fee;
    charge.application_fee = null;
    charge.transfer_data = pi.transfer_data;
    charge.transfer_group = pi.transfer_group ?? null;
    const td = pi.transfer_data;
    if (td === null) return () => {};
    const now = this.store.now();
    const announce: (() => void)[] = [];
    if (fee !== null && fee > 0) {
      const id = newId('fee');
      const appFee: ApplicationFee = {
        id,
        object: 'application_fee',
        account: td.destination,
        amount: fee,
        amount_refunded: 0,
        application: APPLICATION,
        balance_transaction: null,
        charge: charge.id,
        created: now,
        currency: charge.currency,
        fee_source: { charge: charge.id, type: 'charge' },
        livemode: false,
        originating_transaction: null,
        refunded: false,
        refunds: {
          object: 'list',
          data: [],
          has_more: false,
          total_count: 0,
          url: `/v1/application_fees/${id}/refunds`,
        },
      };
      this.store.applicationFees.set(id, appFee);
      charge.application_fee = id;
      announce.push(() => this.ctx.emit('application_fee.created', appFee));
    }
    const transferAmount = td.amount !== undefined ? Math.min(td.amount, amount) : amount - (fee ?? 0);
    if (transferAmount > 0) {
      const transfer = this.makeTransfer({
        amount: transferAmount,
        currency: charge.currency,
        destination: td.destination,
        description: null,
        metadata: {},
        sourceTransaction: charge.id,
        transferGroup: pi.transfer_group ?? null,
      });
      charge.transfer = transfer.id;
      announce.push(() => this.ctx.emit('transfer.created', transfer));
    }
    return () => {
      for (const a of announce) a();
    };
  }

  private makeTransfer(t: {
    amount: number;
    currency: string;
    destination: string;
    description: string | null;
    metadata: Record<string, string>;
    sourceTransaction: string | null;
    transferGroup: string | null;
  }): Transfer {
    const id = newId('tr');
    const transfer: Transfer = {
      id,
      object: 'transfer',
      amount: t.amount,
      amount_reversed: 0,
      balance_transaction: null,
      created: this.store.now(),
      currency: t.currency,
      description: t.description,
      destination: t.destination,
      livemode: false,
      metadata: t.metadata,
      reversals: {
        object: 'list',
        data: [],
        has_more: false,
        total_count: 0,
        url: `/v1/transfers/${id}/reversals`,
      },
      reversed: false,
      source_transaction: t.sourceTransaction,
      source_type: 'card',
      transfer_group: t.transferGroup,
    };
    this.store.transfers.set(id, transfer);
    this.credit(PLATFORM, t.currency, -t.amount);
    this.credit(t.destination, t.currency, t.amount);
    return transfer;
  }

  // ---- refunds of destination charges ----

  refundFlags(p: Params): RefundFlags {
    return {
      reverseTransfer: bool(p, 'reverse_transfer') ?? false,
      refundApplicationFee: bool(p, 'refund_application_fee') ?? false,
    };
  }

  /**
   * A refund was made (charge.amount_refunded already counts it). The platform pays it; with
   * reverse_transfer the connected account pays back its part through a TransferReversal; with
   * refund_application_fee the fee is refunded in proportion, cumulatively, so that:
   *   feeRefundedAfter = roundHalfUp(fee × refundedAfter / captured), feeRefund = after − before,
   *   transferReversal = refund − feeRefund (with both flags), or the whole refund (reverse_transfer alone),
   * each capped at what is left of the fee, the transfer and the refund. Returns what announces them.
   */
  settleRefund(charge: Charge, refund: Refund, flags: RefundFlags): () => void {
    this.credit(PLATFORM, refund.currency, -refund.amount);
    refund.transfer_reversal = null;
    const appFee = charge.application_fee
      ? this.store.applicationFees.get(charge.application_fee)
      : undefined;
    const transfer = charge.transfer ? this.store.transfers.get(charge.transfer) : undefined;
    let feeRefund = 0;
    if (flags.refundApplicationFee && appFee) {
      const after = roundHalfUp(appFee.amount, charge.amount_refunded, charge.amount_captured);
      feeRefund = Math.max(
        0,
        Math.min(after - appFee.amount_refunded, appFee.amount - appFee.amount_refunded, refund.amount),
      );
    }
    let reversal = 0;
    if (flags.reverseTransfer && transfer) {
      reversal = Math.max(0, Math.min(refund.amount - feeRefund, transfer.amount - transfer.amount_reversed));
    }
    if (reversal > 0 && transfer) {
      const trr = this.reverse(transfer, reversal, {}, refund.id);
      refund.transfer_reversal = trr.id;
    }
    if (feeRefund > 0 && appFee) {
      this.refundFee(appFee, feeRefund);
      // Without a reversal to net it against, the refunded fee goes back to the connected account.
      if (!flags.reverseTransfer || !transfer) {
        this.credit(PLATFORM, appFee.currency, -feeRefund);
        this.credit(appFee.account, appFee.currency, feeRefund);
      }
    }
    return () => {
      if (reversal > 0 && transfer) this.ctx.emit('transfer.reversed', transfer);
      if (feeRefund > 0 && appFee) this.ctx.emit('application_fee.refunded', appFee);
    };
  }

  private reverse(
    transfer: Transfer,
    amount: number,
    metadata: Record<string, string>,
    sourceRefund: string | null,
  ): TransferReversal {
    const trr: TransferReversal = {
      id: newId('trr'),
      object: 'transfer_reversal',
      amount,
      balance_transaction: null,
      created: this.store.now(),
      currency: transfer.currency,
      destination_payment_refund: null,
      metadata,
      source_refund: sourceRefund,
      transfer: transfer.id,
    };
    this.store.transferReversals.set(trr.id, trr);
    transfer.amount_reversed += amount;
    transfer.reversed = transfer.amount_reversed >= transfer.amount;
    transfer.reversals = {
      ...transfer.reversals,
      data: [trr, ...transfer.reversals.data],
      total_count: transfer.reversals.total_count + 1,
    };
    this.credit(PLATFORM, transfer.currency, amount);
    this.credit(transfer.destination, transfer.currency, -amount);
    return trr;
  }

  private refundFee(appFee: ApplicationFee, amount: number): FeeRefund {
    const fr: FeeRefund = {
      id: newId('fr'),
      object: 'fee_refund',
      amount,
      balance_transaction: null,
      created: this.store.now(),
      currency: appFee.currency,
      fee: appFee.id,
      metadata: {},
    };
    this.store.feeRefunds.set(fr.id, fr);
    appFee.amount_refunded += amount;
    appFee.refunded = appFee.amount_refunded >= appFee.amount;
    appFee.refunds = {
      ...appFee.refunds,
      data: [fr, ...appFee.refunds.data],
      total_count: appFee.refunds.total_count + 1,
    };
    return fr;
  }

  // ---- transfers ----

  transfer(id: string): Transfer {
    const t = this.store.transfers.get(id);
    if (!t) throw missing('transfer', id);
    return t;
  }

  createTransfer(p: Params): Transfer {
    const cur = currency(p, 'currency');
    if (cur === undefined)
      throw invalidParam('currency', 'Missing required param: currency.', 'parameter_missing');
    const amount = positiveAmount(p, 'amount', cur, true) ?? 0;
    const destination = reqStr(p, 'destination');
    this.checkDestination(destination, 'destination');
    const transferGroup = str(p, 'transfer_group') ?? null;
    const description = str(p, 'description') ?? null;
    const metadata = mergeMetadata(p, {});
    const sourceId = str(p, 'source_transaction');
    if (sourceId !== undefined) {
      const charge = this.store.charges.get(sourceId);
      if (!charge) throw missing('charge', sourceId, 'source_transaction');
      if (!charge.captured || charge.currency !== cur)
        throw invalidParam(
          'source_transaction',
          `The source_transaction ${sourceId} must be a captured charge in ${cur}.`,
        );
      const left = charge.amount_captured - charge.amount_refunded;
      if (amount > left)
        throw invalidParam(
          'amount',
          `The transfer amount (${amount}) exceeds what is left of the source transaction (${left}).`,
          'amount_too_large',
        );
    }
    if (amount > this.available(PLATFORM, cur)) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'balance_insufficient',
        message:
          'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance',
      });
    }
    const transfer = this.makeTransfer({
      amount,
      currency: cur,
      destination,
      description,
      metadata,
      sourceTransaction: sourceId ?? null,
      transferGroup,
    });
    this.ctx.emit('transfer.created', transfer);
    return transfer;
  }

  updateTransfer(p: Params, transfer: Transfer): Transfer {
    const metadata = mergeMetadata(p, transfer.metadata);
    const description = str(p, 'description');
    const previous: Record<string, unknown> = {};
    if (JSON.stringify(metadata) !== JSON.stringify(transfer.metadata))
      previous['metadata'] = transfer.metadata;
    if (description !== undefined) previous['description'] = transfer.description;
    transfer.metadata = metadata;
    if (description !== undefined) transfer.description = description === '' ? null : description;
    if (Object.keys(previous).length > 0) this.ctx.emit('transfer.updated', transfer, previous);
    return transfer;
  }

  listTransfers(p: Params): ListPage<Transfer> {
    const destination = str(p, 'destination');
    const group = str(p, 'transfer_group');
    return this.ctx.list(
      this.store.transfers,
      p,
      '/v1/transfers',
      (t) =>
        (destination === undefined || t.destination === destination) &&
        (group === undefined || t.transfer_group === group),
    );
  }

  createReversal(p: Params, transfer: Transfer): TransferReversal {
    const left = transfer.amount - transfer.amount_reversed;
    if (left <= 0)
      throw invalidParam(
        'amount',
        `Transfer ${transfer.id} has already been fully reversed.`,
        'transfer_already_reversed',
      );
    const amount = positiveAmount(p, 'amount', transfer.currency, false) ?? left;
    if (amount > left)
      throw invalidParam(
        'amount',
        `The reversal amount (${amount}) is greater than what is left on the transfer (${left}).`,
        'amount_too_large',
      );
    const metadata = mergeMetadata(p, {});
    const trr = this.reverse(transfer, amount, metadata, null);
    this.ctx.emit('transfer.reversed', transfer);
    return trr;
  }

  listReversals(p: Params, transfer: Transfer): ListPage<TransferReversal> {
    return this.ctx.list(
      this.store.transferReversals,
      p,
      `/v1/transfers/${transfer.id}/reversals`,
      (r) => r.transfer === transfer.id,
    );
  }

  reversal(transfer: Transfer, id: string): TransferReversal {
    const r = this.store.transferReversals.get(id);
    if (!r || r.transfer !== transfer.id) throw missing('transfer_reversal', id);
    return r;
  }

  // ---- application fees ----

  applicationFee(id: string): ApplicationFee {
    const f = this.store.applicationFees.get(id);
    if (!f) throw missing('application_fee', id);
    return f;
  }

  listApplicationFees(p: Params): ListPage<ApplicationFee> {
    const charge = str(p, 'charge');
    return this.ctx.list(
      this.store.applicationFees,
      p,
      '/v1/application_fees',
      (f) => charge === undefined || f.charge === charge,
    );
  }

  listFeeRefunds(p: Params, appFee: ApplicationFee): ListPage<FeeRefund> {
    return this.ctx.list(
      this.store.feeRefunds,
      p,
      `/v1/application_fees/${appFee.id}/refunds`,
      (r) => r.fee === appFee.id,
    );
  }

  // ---- payouts ----

  /** Pays out a connected account's whole available balance, one paid Payout per currency. */
  payout(id: string): Payout[] {
    const account = this.account(id);
    if (!account.payouts_enabled) {
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'payouts_not_allowed',
        message: `Payouts are not enabled for account ${id}: onboarding is incomplete or requirements are due.`,
      });
    }
    const now = this.store.now();
    const out: Payout[] = [];
    const available = this.store.balances.get(id)?.available ?? {};
    for (const [cur, amount] of Object.entries(available).sort(([a], [b]) => a.localeCompare(b))) {
      if (amount <= 0) continue;
      const payout: Payout = {
        id: newId('po'),
        object: 'payout',
        amount,
        application_fee: null,
        application_fee_amount: null,
        arrival_date: now,
        automatic: true,
        balance_transaction: null,
        created: now,
        currency: cur,
        description: 'STRIPE PAYOUT',
        destination: null,
        failure_balance_transaction: null,
        failure_code: null,
        failure_message: null,
        livemode: false,
        metadata: {},
        method: 'standard',
        original_payout: null,
        payout_method: null,
        reconciliation_status: 'completed',
        reversed_by: null,
        source_type: 'card',
        statement_descriptor: null,
        status: 'paid',
        trace_id: null,
        type: 'bank_account',
      };
      this.store.payouts.set(payout.id, { id: payout.id, account: id, payout });
      this.credit(id, cur, -amount);
      out.push(payout);
    }
    for (const payout of out) {
      this.ctx.emit('payout.created', payout, undefined, id);
      this.ctx.emit('payout.paid', payout, undefined, id);
    }
    return out;
  }

  /** GET /v1/payouts: the Stripe-Account's payouts (the platform has none). */
  listPayouts(p: Params): ListPage<Payout> {
    const acct = this.ctx.stripeAccount() ?? PLATFORM;
    const page = this.ctx.list(this.store.payouts, p, '/v1/payouts', (r) => r.account === acct);
    return { ...page, data: page.data.map((r) => r.payout) };
  }

  retrievePayout(id: string): Payout {
    const rec = this.store.payouts.get(id);
    if (!rec || rec.account !== (this.ctx.stripeAccount() ?? PLATFORM)) throw missing('payout', id);
    return rec.payout;
  }
}

function page(status: number, body: string): PageReply {
  return {
    status,
    body: `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stripe emulator onboarding</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;margin-right:.5rem;padding:.5rem 1rem}</style>
</head><body>
${body}
</body></html>
`,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  };
}

function redirect(location: string): PageReply {
  return { status: 303, body: '', headers: { Location: location, 'Content-Type': 'text/plain' } };
}
