// Stripe's /v1 resources as the emulator implements them: validation first, then state change, then events.
import { TEST_CARDS, type TestCard } from './cards';
import { Connect, type ListPage } from './connect';
import { THREE_DECIMAL, ZERO_DECIMAL } from './currencies';
import {
  ApiError,
  bool,
  currency,
  expandList,
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
  API_VERSION,
  newId,
  type Charge,
  type Customer,
  type PaymentIntent,
  type PaymentIntentStatus,
  type PaymentMethod,
  type Refund,
  type SetupIntent,
  type SetupIntentStatus,
  type StripeEvent,
  type Store,
  type WebhookEndpoint,
  type WechatPayDisplayQrCode,
} from './state';

/** Seven days: how long a card authorization can be captured. */
export const HOLD_SECONDS = 7 * 24 * 3600;
const MAX_AMOUNT = 99_999_999;

export interface ApiResult {
  status: number;
  body: object;
}

export interface RequestMeta {
  requestId: string | null;
  idempotencyKey: string | null;
  /** The Stripe-Account header: the connected account the request acts for. */
  stripeAccount?: string | null;
  /** The emulator's origin as the client reached it (from the Host header). */
  origin?: string;
}

const NO_REQUEST: RequestMeta = { requestId: null, idempotencyKey: null, stripeAccount: null };

type Handler = (p: Params, id: string, id2: string) => object;

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Answers for a connected account named by Stripe-Account (others refuse the header). */
  onBehalf: boolean;
}

function unexpectedState(pi: PaymentIntent, action: string, allowed: PaymentIntentStatus[]): ApiError {
  return new ApiError(400, {
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    message: `This PaymentIntent could not be ${action} because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be ${action}: ${allowed.join(', ')}.`,
    payment_intent: structuredClone(pi),
  });
}

/** Reads a list-of-strings parameter (`name[]=a&name[]=b`, or one value). */
function strList(p: Params, name: string): string[] | undefined {
  const v = p[name];
  if (v === undefined) return undefined;
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || !list.every((t): t is string => typeof t === 'string'))
    throw invalidParam(name, `${name} must be a non-empty list of payment method types.`);
  return list;
}

/** Wallets that charge at once and cannot be held: offered only with automatic capture. */
const AUTOMATIC_CAPTURE_ONLY: ReadonlySet<string> = new Set(['wechat_pay']);
/** The types the emulator can charge. */
const KNOWN_TYPES: ReadonlySet<string> = new Set(['card', 'wechat_pay']);

/** What automatic_payment_methods offers for a capture method: card, plus wallets unless capture is manual. */
function offeredTypes(captureMethod: PaymentIntent['capture_method']): string[] {
  return captureMethod === 'manual' ? ['card'] : ['card', 'wechat_pay'];
}

function manualCaptureRefused(param: string): ApiError {
  return invalidParam(
    param,
    'The payment method type wechat_pay does not support capture_method=manual. Use capture_method=automatic, or remove wechat_pay from payment_method_types.',
  );
}

/** The explicit list of payment method types (SDK: allowed_payment_method_types; older: payment_method_types). */
function paymentMethodTypes(p: Params, captureMethod: PaymentIntent['capture_method']): string[] | undefined {
  const name =
    p['allowed_payment_method_types'] !== undefined ? 'allowed_payment_method_types' : 'payment_method_types';
  const types = strList(p, name);
  if (types === undefined) return undefined;
  const unknown = types.find((t) => !KNOWN_TYPES.has(t));
  if (unknown !== undefined)
    throw invalidParam(
      name,
      `The payment method type "${unknown}" is not emulated (only card and wechat_pay).`,
    );
  if (captureMethod === 'manual' && types.some((t) => AUTOMATIC_CAPTURE_ONLY.has(t)))
    throw manualCaptureRefused(name);
  return types;
}

function automaticPaymentMethods(p: Params): { enabled: boolean } | undefined {
  const apm = hash(p, 'automatic_payment_methods');
  if (apm === undefined) return undefined;
  return { enabled: bool(apm, 'enabled') ?? false };
}

/** True when `payment_method_data[type]=wechat_pay` asks for a new wallet payment method. */
function walletPaymentMethodData(p: Params, allowedTypes: string[]): boolean {
  const data = hash(p, 'payment_method_data');
  if (data === undefined) return false;
  const type = reqStr(data, 'type');
  if (type !== 'wechat_pay')
    throw invalidParam(
      'payment_method_data[type]',
      'The emulator makes payment methods from payment_method_data only for wechat_pay; use a pm_card_* id for cards.',
    );
  if (!allowedTypes.includes('wechat_pay'))
    throw invalidParam(
      'payment_method_data[type]',
      `The payment method type wechat_pay is not allowed for this PaymentIntent. Allowed types: ${allowedTypes.join(', ')}.`,
    );
  return true;
}

/** next_action.wechat_pay_display_qr_code for a PaymentIntent (URLs and data are the emulator's own). */
function wechatQr(piId: string): WechatPayDisplayQrCode {
  const base = `https://emulator.invalid/wechat_pay/${piId}`;
  return {
    data: `weixin://wxpay/bizpayurl?pr=${piId}`,
    hosted_instructions_url: `${base}/instructions`,
    image_data_url: `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><text>${piId}</text></svg>`).toString('base64')}`,
    image_url_png: `${base}/qr.png`,
    image_url_svg: `${base}/qr.svg`,
  };
}

function setupUnexpectedState(si: SetupIntent, action: string, allowed: SetupIntentStatus[]): ApiError {
  return new ApiError(400, {
    type: 'invalid_request_error',
    code: 'setup_intent_unexpected_state',
    message: `This SetupIntent could not be ${action} because it has a status of ${si.status}. Only a SetupIntent with one of the following statuses may be ${action}: ${allowed.join(', ')}.`,
    setup_intent: structuredClone(si),
  });
}

/** An amount in minor units as Stripe writes it in messages: `$25.01` (en-US currency format). */
function money(amount: number, cur: string): string {
  const digits = ZERO_DECIMAL.has(cur) ? 0 : THREE_DECIMAL.has(cur) ? 3 : 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: cur.toUpperCase(),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

function requireAmount(p: Params, name: string, cur: string, required: true): number;
function requireAmount(p: Params, name: string, cur: string, required: false): number | undefined;
function requireAmount(p: Params, name: string, cur: string, required: boolean): number | undefined {
  const amount = int(p, name, 1);
  if (amount === undefined) {
    if (required) throw invalidParam(name, `Missing required param: ${name}.`, 'parameter_missing');
    return undefined;
  }
  if (amount > MAX_AMOUNT)
    throw invalidParam(name, `Amount must be no more than ${MAX_AMOUNT}.`, 'amount_too_large');
  if (THREE_DECIMAL.has(cur) && amount % 10 !== 0) {
    throw invalidParam(
      name,
      `Amounts in ${cur.toUpperCase()} must be divisible by 10 (the last decimal must be 0).`,
      'invalid_amount',
    );
  }
  return amount;
}

function parseTransferData(p: Params, amount: number): PaymentIntent['transfer_data'] | undefined {
  const td = hash(p, 'transfer_data');
  if (td === undefined) return undefined;
  const destination = reqStr(td, 'destination');
  const tAmount = int(td, 'amount', 0);
  if (tAmount !== undefined && tAmount > amount)
    throw invalidParam('transfer_data[amount]', 'transfer_data[amount] cannot exceed the amount.');
  return tAmount === undefined ? { destination } : { destination, amount: tAmount };
}

function parseFee(p: Params, amount: number): number | undefined {
  const fee = int(p, 'application_fee_amount', 0);
  if (fee !== undefined && fee > amount)
    throw invalidParam('application_fee_amount', 'application_fee_amount cannot exceed the amount.');
  return fee;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The emulated Stripe API over a Store; `onEvent` receives every event for webhook delivery. */
export class Api {
  private readonly routes: Route[];
  private meta: RequestMeta = NO_REQUEST;
  readonly connect: Connect;

  constructor(
    private readonly store: Store,
    private readonly onEvent: (event: StripeEvent) => void,
  ) {
    this.connect = new Connect({
      store,
      emit: (type, object, previous, account) => this.emit(type, object, previous, account),
      list: (map, p, url, keep) => this.list(map, p, url, keep),
      stripeAccount: () => this.meta.stripeAccount ?? null,
      origin: () => this.meta.origin ?? 'http://127.0.0.1',
    });
    const c = this.connect;
    const r = (method: string, path: string, handler: Handler, onBehalf = false): Route => ({
      method,
      pattern: new RegExp(`^${path.replace(/:id/g, '([^/]+)')}$`),
      handler,
      onBehalf,
    });
    this.routes = [
      r('POST', '/v1/customers', (p) => this.createCustomer(p)),
      r('GET', '/v1/customers/:id', (_p, id) => this.get(this.store.customers, 'customer', id)),
      r('GET', '/v1/payment_methods/:id', (_p, id) => this.paymentMethod(id)),
      r('POST', '/v1/payment_methods/:id/attach', (p, id) => this.attach(p, id)),
      r('POST', '/v1/payment_methods/:id/detach', (_p, id) => this.detach(id)),
      r('GET', '/v1/payment_methods', (p) => this.listPaymentMethods(p, reqStr(p, 'customer'))),
      r('GET', '/v1/customers/:id/payment_methods', (p, id) => {
        this.get(this.store.customers, 'customer', id);
        return this.listPaymentMethods(p, id, `/v1/customers/${id}/payment_methods`);
      }),
      r('POST', '/v1/setup_intents', (p) => this.createSetupIntent(p)),
      r('GET', '/v1/setup_intents/:id', (_p, id) => this.seti(id)),
      r('POST', '/v1/setup_intents/:id/confirm', (p, id) => this.confirmSetupEndpoint(p, this.seti(id))),
      r('POST', '/v1/setup_intents/:id/cancel', (p, id) => this.cancelSetup(p, this.seti(id))),
      r('POST', '/v1/payment_intents', (p) => this.createPaymentIntent(p)),
      r('GET', '/v1/payment_intents', (p) =>
        this.list(this.store.paymentIntents, p, '/v1/payment_intents', this.customerFilter(p)),
      ),
      r('GET', '/v1/payment_intents/:id', (_p, id) => this.pi(id)),
      r('POST', '/v1/payment_intents/:id', (p, id) => this.updatePaymentIntent(p, this.pi(id))),
      r('POST', '/v1/payment_intents/:id/confirm', (p, id) => this.confirmEndpoint(p, this.pi(id))),
      r('POST', '/v1/payment_intents/:id/capture', (p, id) => this.capture(p, this.pi(id))),
      r('POST', '/v1/payment_intents/:id/cancel', (p, id) => this.cancel(p, this.pi(id))),
      r('GET', '/v1/charges/:id', (_p, id) => this.get(this.store.charges, 'charge', id)),
      r('POST', '/v1/refunds', (p) => this.createRefund(p)),
      r('GET', '/v1/refunds/:id', (_p, id) => this.get(this.store.refunds, 'refund', id)),
      r('POST', '/v1/webhook_endpoints', (p) => this.createEndpoint(p)),
      r('GET', '/v1/webhook_endpoints', (p) => this.listEndpoints(p)),
      r('GET', '/v1/webhook_endpoints/:id', (_p, id) =>
        this.withoutSecret(this.get(this.store.endpoints, 'webhook endpoint', id)),
      ),
      r('DELETE', '/v1/webhook_endpoints/:id', (_p, id) => this.deleteEndpoint(id)),
      r('GET', '/v1/events', (p) => this.list(this.store.events, p, '/v1/events', this.typeFilter(p))),
      r('GET', '/v1/events/:id', (_p, id) => this.get(this.store.events, 'event', id)),
      r('POST', '/v1/accounts', (p) => c.createAccount(p)),
      r('GET', '/v1/accounts', (p) => c.listAccounts(p)),
      r('GET', '/v1/accounts/:id', (_p, id) => c.account(id), true),
      r('POST', '/v1/accounts/:id', (p, id) => c.updateAccount(p, c.account(id))),
      r('POST', '/v1/account_links', (p) => c.createAccountLink(p)),
      r('POST', '/v1/transfers', (p) => c.createTransfer(p)),
      r('GET', '/v1/transfers', (p) => c.listTransfers(p)),
      r('GET', '/v1/transfers/:id', (_p, id) => c.transfer(id)),
      r('POST', '/v1/transfers/:id', (p, id) => c.updateTransfer(p, c.transfer(id))),
      r('POST', '/v1/transfers/:id/reversals', (p, id) => c.createReversal(p, c.transfer(id))),
      r('GET', '/v1/transfers/:id/reversals', (p, id) => c.listReversals(p, c.transfer(id))),
      r('GET', '/v1/transfers/:id/reversals/:id', (_p, id, id2) => c.reversal(c.transfer(id), id2)),
      r('GET', '/v1/application_fees', (p) => c.listApplicationFees(p)),
      r('GET', '/v1/application_fees/:id', (_p, id) => c.applicationFee(id)),
      r('GET', '/v1/application_fees/:id/refunds', (p, id) => c.listFeeRefunds(p, c.applicationFee(id))),
      r('GET', '/v1/balance', () => c.balance(), true),
      r('GET', '/v1/payouts', (p) => c.listPayouts(p), true),
      r('GET', '/v1/payouts/:id', (_p, id) => c.retrievePayout(id), true),
    ];
  }

  /** Whether the request changes state (and so must be persisted). */
  static mutates(method: string): boolean {
    return method === 'POST' || method === 'DELETE';
  }

  /** Runs one /v1 request; throws ApiError for Stripe-shaped failures. */
  handle(method: string, pathname: string, params: Params, meta: RequestMeta): ApiResult {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      const expand = expandList(params);
      const acct = meta.stripeAccount ?? null;
      if (acct !== null) {
        if (!this.store.accounts.has(acct)) {
          throw new ApiError(403, {
            type: 'invalid_request_error',
            code: 'account_invalid',
            message: `The provided key does not have access to account '${acct}' (or that account does not exist). Application access may have been revoked.`,
          });
        }
        if (!route.onBehalf) {
          throw new ApiError(400, {
            type: 'invalid_request_error',
            message: `The Stripe emulator answers ${method} ${pathname} only for the platform; with Stripe-Account it emulates only GET /v1/balance, /v1/payouts and /v1/accounts/:id.`,
          });
        }
      }
      this.meta = meta;
      try {
        const body = route.handler(params, safeDecode(m[1] ?? ''), safeDecode(m[2] ?? ''));
        return { status: 200, body: this.expand(body, expand) };
      } finally {
        this.meta = NO_REQUEST;
      }
    }
    throw new ApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${pathname}). The Stripe emulator implements only part of the API; see tools/stripe-emulator/README.md.`,
    });
  }

  // ---- lookups and expansion ----

  private get<T>(map: Map<string, T>, kind: string, id: string): T {
    const found = map.get(id);
    if (found === undefined) throw missing(kind, id);
    return found;
  }

  private pi(id: string): PaymentIntent {
    return this.get(this.store.paymentIntents, 'payment_intent', id);
  }

  private seti(id: string): SetupIntent {
    return this.get(this.store.setupIntents, 'setup_intent', id);
  }

  private lookup(id: string): object | undefined {
    const prefix = id.slice(0, id.indexOf('_'));
    switch (prefix) {
      case 'cus':
        return this.store.customers.get(id);
      case 'pi':
        return this.store.paymentIntents.get(id);
      case 'seti':
        return this.store.setupIntents.get(id);
      case 'ch':
        return this.store.charges.get(id);
      case 're':
        return this.store.refunds.get(id);
      case 'pm':
        return this.findPaymentMethod(id);
      case 'acct':
        return this.store.accounts.get(id);
      case 'tr':
        return this.store.transfers.get(id);
      case 'trr':
        return this.store.transferReversals.get(id);
      case 'fee':
        return this.store.applicationFees.get(id);
      case 'fr':
        return this.store.feeRefunds.get(id);
      case 'po':
        return this.store.payouts.get(id)?.payout;
      default:
        return undefined;
    }
  }

  private expandValue(value: unknown, parts: string[]): unknown {
    const [head, ...rest] = parts;
    if (head === undefined || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((v: unknown) => this.expandValue(v, parts));
    const copy: Record<string, unknown> = { ...value };
    let field = copy[head];
    if (typeof field === 'string') field = this.lookup(field) ?? field;
    copy[head] = this.expandValue(field, rest);
    return copy;
  }

  private expand(body: object, paths: string[]): object {
    let out: unknown = body;
    for (const path of paths) out = this.expandValue(out, path.split('.'));
    return typeof out === 'object' && out !== null ? out : body;
  }

  private list<T extends { id: string }>(
    map: Map<string, T>,
    p: Params,
    url: string,
    keep: (o: T) => boolean = () => true,
  ): ListPage<T> {
    const limit = int(p, 'limit', 1) ?? 10;
    if (limit > 100) throw invalidParam('limit', 'This value must be less than or equal to 100.');
    const after = str(p, 'starting_after');
    const all = [...map.values()].reverse();
    let i = 0;
    if (after !== undefined) {
      i = all.findIndex((o) => o.id === after) + 1;
      if (i === 0) throw missing('object', after, 'starting_after');
    }
    const data: T[] = [];
    for (; i < all.length && data.length <= limit; i++) {
      const o = all[i];
      if (o !== undefined && keep(o)) data.push(o);
    }
    return { object: 'list', data: data.slice(0, limit), has_more: data.length > limit, url };
  }

  private customerFilter(p: Params): (pi: PaymentIntent) => boolean {
    const customer = str(p, 'customer');
    return customer === undefined ? () => true : (pi) => pi.customer === customer;
  }

  private typeFilter(p: Params): (e: StripeEvent) => boolean {
    const type = str(p, 'type');
    if (type === undefined) return () => true;
    if (type.endsWith('*')) {
      const prefix = type.slice(0, -1);
      return (e) => e.type.startsWith(prefix);
    }
    return (e) => e.type === type;
  }

  // ---- events ----

  private emit(type: string, object: object, previous?: object, account?: string): void {
    const event: StripeEvent = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: this.store.now(),
      data: previous
        ? { object: structuredClone(object), previous_attributes: previous }
        : { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 0,
      request: { id: this.meta.requestId, idempotency_key: this.meta.idempotencyKey },
      type,
      ...(account !== undefined ? { account } : {}),
    };
    this.store.addEvent(event);
    this.onEvent(event);
  }

  // ---- customers and payment methods ----

  private createCustomer(p: Params): Customer {
    const customer: Customer = {
      id: newId('cus'),
      object: 'customer',
      created: this.store.now(),
      email: str(p, 'email') ?? null,
      name: str(p, 'name') ?? null,
      phone: str(p, 'phone') ?? null,
      description: str(p, 'description') ?? null,
      metadata: mergeMetadata(p, {}),
      livemode: false,
    };
    this.store.customers.set(customer.id, customer);
    return customer;
  }

  private findPaymentMethod(id: string): PaymentMethod | undefined {
    const stored = this.store.paymentMethods.get(id);
    if (stored) return stored;
    const card = TEST_CARDS.get(id);
    if (!card) return undefined;
    return {
      id,
      object: 'payment_method',
      type: 'card',
      card: {
        brand: card.brand,
        last4: card.last4,
        exp_month: 12,
        exp_year: new Date().getUTCFullYear() + 3,
        funding: 'credit',
        country: 'US',
      },
      customer: null,
      created: this.store.now(),
      metadata: {},
      livemode: false,
      test_card: id,
    };
  }

  private paymentMethod(id: string, param?: string): PaymentMethod {
    const pm = this.findPaymentMethod(id);
    if (!pm) throw missing('PaymentMethod', id, param);
    return pm;
  }

  private attach(p: Params, id: string): PaymentMethod {
    const customerId = reqStr(p, 'customer');
    const template = this.paymentMethod(id);
    if (!this.store.customers.has(customerId)) throw missing('customer', customerId, 'customer');
    if (template.customer !== null) {
      throw invalidParam(
        'customer',
        'The payment method you provided has already been attached to a customer.',
        'payment_method_unexpected_state',
      );
    }
    const attached: PaymentMethod = {
      ...template,
      id: newId('pm'),
      customer: customerId,
      created: this.store.now(),
    };
    this.store.paymentMethods.set(attached.id, attached);
    return attached;
  }

  private detach(id: string): PaymentMethod {
    const pm = this.paymentMethod(id);
    if (pm.customer === null || !this.store.paymentMethods.has(pm.id)) {
      throw invalidParam(
        'payment_method',
        'The payment method you provided is not attached to a customer so detachment is impossible.',
        'payment_method_unexpected_state',
      );
    }
    const previous = { customer: pm.customer };
    pm.customer = null;
    this.emit('payment_method.detached', pm, previous);
    return pm;
  }

  /** A customer's attached payment methods, newest first, optionally of one `type` (only card exists). */
  private listPaymentMethods(p: Params, customer: string, url = '/v1/payment_methods'): object {
    if (!this.store.customers.has(customer)) throw missing('customer', customer, 'customer');
    const type = str(p, 'type');
    return this.list(
      this.store.paymentMethods,
      p,
      url,
      (pm) => pm.customer === customer && (type === undefined || pm.type === type),
    );
  }

  /** A wechat_pay PaymentMethod, as Stripe makes one from `payment_method_data[type]=wechat_pay`. */
  private createWalletPaymentMethod(): PaymentMethod {
    const pm: PaymentMethod = {
      id: newId('pm'),
      object: 'payment_method',
      type: 'wechat_pay',
      wechat_pay: {},
      customer: null,
      created: this.store.now(),
      metadata: {},
      livemode: false,
      test_card: 'wechat_pay',
    };
    this.store.paymentMethods.set(pm.id, pm);
    return pm;
  }

  private testCard(pm: PaymentMethod): TestCard {
    const card = TEST_CARDS.get(pm.test_card);
    if (!card) throw new ApiError(500, { type: 'api_error', message: `Unknown test card ${pm.test_card}` });
    return card;
  }

  // ---- payment intents ----

  private createPaymentIntent(p: Params): PaymentIntent {
    const cur = currency(p, 'currency');
    if (cur === undefined)
      throw invalidParam('currency', 'Missing required param: currency.', 'parameter_missing');
    const amount = requireAmount(p, 'amount', cur, true);
    const captureMethod =
      oneOf(p, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const) ?? 'automatic_async';
    const confirm = bool(p, 'confirm') ?? false;
    const offSession = bool(p, 'off_session') ?? false;
    const types = paymentMethodTypes(p, captureMethod);
    const apm = automaticPaymentMethods(p);
    const allowedTypes = types ?? (apm?.enabled ? offeredTypes(captureMethod) : ['card']);
    const walletData = walletPaymentMethodData(p, allowedTypes);
    let pmId = str(p, 'payment_method');
    if (pmId !== undefined) this.paymentMethod(pmId, 'payment_method');
    const customer = str(p, 'customer');
    if (customer !== undefined && !this.store.customers.has(customer))
      throw missing('customer', customer, 'customer');
    const transferData = parseTransferData(p, amount) ?? null;
    if (transferData) this.connect.checkDestination(transferData.destination, 'transfer_data[destination]');
    const transferGroup = str(p, 'transfer_group') ?? null;
    const fee = parseFee(p, amount) ?? null;
    const metadata = mergeMetadata(p, {});
    const description = str(p, 'description') ?? null;
    const receiptEmail = str(p, 'receipt_email') ?? null;
    if (confirm && pmId === undefined && !walletData) {
      throw invalidParam(
        'payment_method',
        'You cannot confirm this PaymentIntent because it is missing a payment method.',
        'parameter_missing',
      );
    }
    if (walletData) pmId = this.createWalletPaymentMethod().id;

    const id = newId('pi');
    const pi: PaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      application_fee_amount: fee,
      automatic_payment_methods: apm ?? null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod,
      client_secret: `${id}_secret_${newId('s').slice(2)}`,
      confirmation_method: 'automatic',
      created: this.store.now(),
      currency: cur,
      customer: customer ?? null,
      description,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata,
      next_action: null,
      payment_method: pmId ?? null,
      payment_method_types: allowedTypes,
      receipt_email: receiptEmail,
      status: pmId === undefined ? 'requires_payment_method' : 'requires_confirmation',
      transfer_data: transferData,
      transfer_group: transferGroup,
    };
    this.store.paymentIntents.set(id, pi);
    this.emit('payment_intent.created', pi);
    if (confirm && pmId !== undefined) this.confirm(pi, pmId, offSession);
    return pi;
  }

  private updatePaymentIntent(p: Params, pi: PaymentIntent): PaymentIntent {
    const editable: PaymentIntentStatus[] = [
      'requires_payment_method',
      'requires_confirmation',
      'requires_action',
    ];
    const moneyFields = [
      'amount',
      'currency',
      'payment_method',
      'customer',
      'capture_method',
      'transfer_data',
      'transfer_group',
      'application_fee_amount',
    ];
    if (!editable.includes(pi.status) && moneyFields.some((f) => p[f] !== undefined)) {
      throw unexpectedState(pi, 'updated', editable);
    }
    const cur = currency(p, 'currency') ?? pi.currency;
    const amount = requireAmount(p, 'amount', cur, false) ?? pi.amount;
    const captureMethod =
      oneOf(p, 'capture_method', ['automatic', 'automatic_async', 'manual'] as const) ?? pi.capture_method;
    const types = pi.automatic_payment_methods?.enabled
      ? offeredTypes(captureMethod)
      : (paymentMethodTypes(p, captureMethod) ?? pi.payment_method_types);
    if (captureMethod === 'manual' && types.includes('wechat_pay'))
      throw manualCaptureRefused('capture_method');
    const pmId = str(p, 'payment_method');
    if (pmId !== undefined && pmId !== '') this.paymentMethod(pmId, 'payment_method');
    const customer = str(p, 'customer');
    if (customer !== undefined && !this.store.customers.has(customer))
      throw missing('customer', customer, 'customer');
    const transferData = parseTransferData(p, amount);
    if (transferData) this.connect.checkDestination(transferData.destination, 'transfer_data[destination]');
    const transferGroup = str(p, 'transfer_group');
    const fee = parseFee(p, amount);
    const metadata = mergeMetadata(p, pi.metadata);
    const description = str(p, 'description');
    const receiptEmail = str(p, 'receipt_email');

    Object.assign(pi, {
      amount,
      currency: cur,
      capture_method: captureMethod,
      payment_method_types: types,
      metadata,
      ...(customer !== undefined ? { customer } : {}),
      ...(transferData !== undefined ? { transfer_data: transferData } : {}),
      ...(transferGroup !== undefined ? { transfer_group: transferGroup === '' ? null : transferGroup } : {}),
      ...(fee !== undefined ? { application_fee_amount: fee } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(receiptEmail !== undefined ? { receipt_email: receiptEmail } : {}),
    });
    if (pmId !== undefined) {
      pi.payment_method = pmId === '' ? null : pmId;
      pi.status = pmId === '' ? 'requires_payment_method' : 'requires_confirmation';
      pi.next_action = null;
    }
    return pi;
  }

  private confirmEndpoint(p: Params, pi: PaymentIntent): PaymentIntent {
    const allowed: PaymentIntentStatus[] = [
      'requires_payment_method',
      'requires_confirmation',
      'requires_action',
    ];
    if (!allowed.includes(pi.status)) throw unexpectedState(pi, 'confirmed', allowed);
    // The destination may have lost its transfers capability since the PaymentIntent was made.
    if (pi.transfer_data)
      this.connect.checkDestination(pi.transfer_data.destination, 'transfer_data[destination]');
    const walletData = walletPaymentMethodData(p, pi.payment_method_types);
    const pmId = walletData
      ? this.createWalletPaymentMethod().id
      : (str(p, 'payment_method') ?? pi.payment_method);
    if (pmId === null) {
      throw invalidParam(
        'payment_method',
        'You cannot confirm this PaymentIntent because it is missing a payment method.',
        'parameter_missing',
      );
    }
    this.paymentMethod(pmId, 'payment_method');
    const offSession = bool(p, 'off_session') ?? false;
    const receiptEmail = str(p, 'receipt_email');
    if (receiptEmail !== undefined) pi.receipt_email = receiptEmail;
    this.confirm(pi, pmId, offSession);
    return pi;
  }

  /** Charges the card behind `pmId`; a decline leaves the PI in requires_payment_method and throws a 402. */
  private confirm(pi: PaymentIntent, pmId: string, offSession: boolean): void {
    const pm = this.paymentMethod(pmId, 'payment_method');
    pi.payment_method = pm.id;
    if (pm.type === 'wechat_pay') {
      if (!pi.payment_method_types.includes('wechat_pay')) {
        throw invalidParam(
          'payment_method',
          `The PaymentMethod provided (wechat_pay) is not allowed for this PaymentIntent. Allowed types: ${pi.payment_method_types.join(', ')}.`,
        );
      }
      // The buyer scans the QR code in WeChat; /_emulator/payment_intents/:id/authenticate stands for that.
      pi.status = 'requires_action';
      pi.next_action = { type: 'wechat_pay_display_qr_code', wechat_pay_display_qr_code: wechatQr(pi.id) };
      this.emit('payment_intent.requires_action', pi);
      return;
    }
    const card = this.testCard(pm);
    let outcome = card.outcome;
    if (outcome.kind === 'authenticate' && offSession) {
      outcome = {
        kind: 'decline',
        code: 'authentication_required',
        declineCode: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
      };
    }
    if (outcome.kind === 'authenticate') {
      pi.status = 'requires_action';
      pi.next_action = {
        type: 'use_stripe_sdk',
        use_stripe_sdk: {
          type: 'three_d_secure_redirect',
          stripe_js: `https://hooks.stripe.com/3d_secure_2/authenticate/${pi.id}`,
        },
      };
      this.emit('payment_intent.requires_action', pi);
      return;
    }
    if (outcome.kind === 'decline') {
      const charge = this.createCharge(pi, pm, outcome.code, outcome.message);
      pi.status = 'requires_payment_method';
      pi.payment_method = null;
      pi.next_action = null;
      pi.last_payment_error = {
        type: 'card_error',
        code: outcome.code,
        decline_code: outcome.declineCode,
        message: outcome.message,
        charge: charge.id,
        payment_method: pm,
      };
      this.emit('charge.failed', charge);
      this.emit('payment_intent.payment_failed', pi);
      throw new ApiError(402, {
        type: 'card_error',
        code: outcome.code,
        decline_code: outcome.declineCode,
        message: outcome.message,
        charge: charge.id,
        doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
        payment_intent: structuredClone(pi),
        payment_method: structuredClone(pm),
      });
    }
    this.approve(pi, pm);
  }

  private approve(pi: PaymentIntent, pm: PaymentMethod): void {
    const charge = this.createCharge(pi, pm, null, null);
    pi.last_payment_error = null;
    pi.next_action = null;
    if (pi.capture_method === 'manual') {
      pi.status = 'requires_capture';
      pi.amount_capturable = pi.amount;
      this.store.uncaptured.add(pi.id);
      this.emit('charge.succeeded', charge);
      this.emit('payment_intent.amount_capturable_updated', pi);
    } else {
      charge.captured = true;
      charge.amount_captured = charge.amount;
      this.connect.captured(charge.currency, charge.amount);
      const announce = this.connect.settleDestination(pi, charge, charge.amount, pi.application_fee_amount);
      pi.status = 'succeeded';
      pi.amount_received = pi.amount;
      this.emit('charge.succeeded', charge);
      announce();
      this.emit('payment_intent.succeeded', pi);
    }
  }

  private createCharge(
    pi: PaymentIntent,
    pm: PaymentMethod,
    failureCode: string | null,
    failureMessage: string | null,
  ): Charge {
    const now = this.store.now();
    const charge: Charge = {
      id: newId('ch'),
      object: 'charge',
      amount: pi.amount,
      amount_captured: 0,
      amount_refunded: 0,
      application_fee: null,
      application_fee_amount: pi.application_fee_amount,
      captured: false,
      created: now,
      currency: pi.currency,
      customer: pi.customer,
      description: pi.description,
      failure_code: failureCode,
      failure_message: failureMessage,
      livemode: false,
      metadata: { ...pi.metadata },
      outcome: failureCode
        ? {
            type: 'issuer_declined',
            network_status: 'declined_by_network',
            reason: failureCode,
            seller_message: 'The bank did not return any further details with this decline.',
          }
        : {
            type: 'authorized',
            network_status: 'approved_by_network',
            reason: null,
            seller_message: 'Payment complete.',
          },
      paid: failureCode === null,
      payment_intent: pi.id,
      payment_method: pm.id,
      payment_method_details: pm.card
        ? { type: 'card', card: { ...pm.card, capture_before: now + HOLD_SECONDS } }
        : { type: 'wechat_pay', wechat_pay: { fingerprint: null, transaction_id: null } },
      receipt_email: pi.receipt_email,
      refunded: false,
      status: failureCode ? 'failed' : 'succeeded',
      transfer_data: pi.transfer_data,
      transfer_group: pi.transfer_group ?? null,
    };
    this.store.charges.set(charge.id, charge);
    pi.latest_charge = charge.id;
    return charge;
  }

  private capture(p: Params, pi: PaymentIntent): PaymentIntent {
    this.expireIfDue(pi);
    if (pi.status !== 'requires_capture') throw unexpectedState(pi, 'captured', ['requires_capture']);
    const requested = int(p, 'amount_to_capture', 1);
    const amount = requested ?? pi.amount_capturable;
    if (amount > pi.amount_capturable) {
      throw invalidParam(
        'amount_to_capture',
        `The amount to capture (${amount}) cannot be greater than the amount capturable (${pi.amount_capturable}).`,
        'amount_too_large',
      );
    }
    if (THREE_DECIMAL.has(pi.currency) && amount % 10 !== 0) {
      throw invalidParam(
        'amount_to_capture',
        `Amounts in ${pi.currency.toUpperCase()} must be divisible by 10.`,
        'invalid_amount',
      );
    }
    const fee = parseFee(p, amount) ?? pi.application_fee_amount;
    if (fee !== null && fee > amount)
      throw invalidParam(
        'application_fee_amount',
        `The application fee (${fee}) cannot be greater than the amount captured (${amount}).`,
      );
    if (pi.transfer_data)
      this.connect.checkDestination(pi.transfer_data.destination, 'transfer_data[destination]');
    const metadata = mergeMetadata(p, pi.metadata);
    const charge = this.charge(pi);

    charge.captured = true;
    charge.amount_captured = amount;
    this.connect.captured(charge.currency, amount);
    const announce = this.connect.settleDestination(pi, charge, amount, fee);
    pi.status = 'succeeded';
    pi.amount_received = amount;
    pi.amount_capturable = 0;
    pi.metadata = metadata;
    pi.application_fee_amount = fee;
    this.store.uncaptured.delete(pi.id);
    this.emit('charge.captured', charge);
    announce();
    this.emit('payment_intent.succeeded', pi);
    return pi;
  }

  private charge(pi: PaymentIntent): Charge {
    const charge = pi.latest_charge === null ? undefined : this.store.charges.get(pi.latest_charge);
    if (!charge)
      throw new ApiError(500, { type: 'api_error', message: `PaymentIntent ${pi.id} has no charge` });
    return charge;
  }

  private cancel(p: Params, pi: PaymentIntent): PaymentIntent {
    this.expireIfDue(pi);
    const allowed: PaymentIntentStatus[] = [
      'requires_payment_method',
      'requires_capture',
      'requires_confirmation',
      'requires_action',
      'processing',
    ];
    if (!allowed.includes(pi.status)) throw unexpectedState(pi, 'canceled', allowed);
    const reason = oneOf(p, 'cancellation_reason', [
      'duplicate',
      'fraudulent',
      'requested_by_customer',
      'abandoned',
    ] as const);
    this.cancelNow(pi, reason ?? null, this.store.now());
    return pi;
  }

  private cancelNow(pi: PaymentIntent, reason: string | null, at: number): void {
    pi.status = 'canceled';
    pi.cancellation_reason = reason;
    pi.canceled_at = at;
    pi.amount_capturable = 0;
    pi.next_action = null;
    this.store.uncaptured.delete(pi.id);
    this.emit('payment_intent.canceled', pi);
  }

  private expireIfDue(pi: PaymentIntent): void {
    if (pi.status !== 'requires_capture') return;
    const charge = this.charge(pi);
    const details = charge.payment_method_details;
    if (details.type !== 'card') return;
    const deadline = details.card.capture_before;
    if (deadline > this.store.now()) return;
    this.emit('charge.expired', charge);
    this.cancelNow(pi, 'automatic', deadline);
  }

  /** Cancels every hold whose 7-day capture window has passed (run after the clock moves). */
  expireHolds(): number {
    let expired = 0;
    for (const id of [...this.store.uncaptured]) {
      const pi = this.store.paymentIntents.get(id);
      if (!pi) continue;
      this.expireIfDue(pi);
      if (pi.status === 'canceled') expired++;
    }
    return expired;
  }

  /** Finishes 3-D Secure for a PI in requires_action, as the customer would in the browser. */
  authenticate(id: string, succeed: boolean): PaymentIntent {
    const pi = this.pi(id);
    if (pi.status !== 'requires_action') throw unexpectedState(pi, 'authenticated', ['requires_action']);
    const pm = this.paymentMethod(pi.payment_method ?? '', 'payment_method');
    if (succeed) {
      this.approve(pi, pm);
    } else {
      pi.status = 'requires_payment_method';
      pi.payment_method = null;
      pi.next_action = null;
      pi.last_payment_error = {
        type: 'invalid_request_error',
        code: 'payment_intent_authentication_failure',
        message: 'The provided PaymentMethod has failed authentication.',
        payment_method: pm,
      };
      this.emit('payment_intent.payment_failed', pi);
    }
    return pi;
  }

  /** Every transfer, oldest first (for the control endpoint). */
  allTransfers(): object[] {
    return [...this.store.transfers.values()];
  }

  // ---- setup intents ----

  private createSetupIntent(p: Params): SetupIntent {
    const customer = str(p, 'customer');
    if (customer !== undefined && !this.store.customers.has(customer))
      throw missing('customer', customer, 'customer');
    const pmId = str(p, 'payment_method');
    if (pmId !== undefined) this.paymentMethod(pmId, 'payment_method');
    const usage = oneOf(p, 'usage', ['off_session', 'on_session'] as const) ?? 'off_session';
    const confirm = bool(p, 'confirm') ?? false;
    // The SDK sends allowed_payment_method_types; older API versions send payment_method_types.
    const allowed = strList(p, 'allowed_payment_method_types');
    const typeList = allowed ?? strList(p, 'payment_method_types');
    const apm = hash(p, 'automatic_payment_methods');
    const apmEnabled = apm === undefined ? undefined : bool(apm, 'enabled');
    if (confirm && pmId === undefined) {
      throw invalidParam(
        'payment_method',
        'You cannot confirm this SetupIntent because it is missing a payment method.',
        'parameter_missing',
      );
    }
    const id = newId('seti');
    const si: SetupIntent = {
      id,
      object: 'setup_intent',
      allowed_payment_method_types: allowed ?? null,
      application: null,
      automatic_payment_methods: apmEnabled === undefined ? null : { enabled: apmEnabled },
      cancellation_reason: null,
      client_secret: `${id}_secret_${newId('s').slice(2)}`,
      created: this.store.now(),
      customer: customer ?? null,
      description: str(p, 'description') ?? null,
      last_setup_error: null,
      latest_attempt: null,
      livemode: false,
      mandate: null,
      metadata: mergeMetadata(p, {}),
      next_action: null,
      on_behalf_of: null,
      payment_method: pmId ?? null,
      payment_method_options: null,
      payment_method_types: typeList ?? ['card'],
      single_use_mandate: null,
      status: pmId === undefined ? 'requires_payment_method' : 'requires_confirmation',
      usage,
    };
    this.store.setupIntents.set(id, si);
    this.emit('setup_intent.created', si);
    if (confirm && pmId !== undefined) this.confirmSetup(si, pmId);
    return si;
  }

  private confirmSetupEndpoint(p: Params, si: SetupIntent): SetupIntent {
    const allowed: SetupIntentStatus[] = [
      'requires_payment_method',
      'requires_confirmation',
      'requires_action',
    ];
    if (!allowed.includes(si.status)) throw setupUnexpectedState(si, 'confirmed', allowed);
    const pmId = str(p, 'payment_method') ?? si.payment_method;
    if (pmId === null) {
      throw invalidParam(
        'payment_method',
        'You cannot confirm this SetupIntent because it is missing a payment method.',
        'parameter_missing',
      );
    }
    this.paymentMethod(pmId, 'payment_method');
    this.confirmSetup(si, pmId);
    return si;
  }

  /** Sets up the card behind `pmId`: a decline leaves the SetupIntent in requires_payment_method (402). */
  private confirmSetup(si: SetupIntent, pmId: string): void {
    const pm = this.paymentMethod(pmId, 'payment_method');
    const card = this.testCard(pm);
    si.payment_method = pm.id;
    const outcome = card.setupOutcome ?? card.outcome;
    if (outcome.kind === 'authenticate') {
      si.status = 'requires_action';
      si.next_action = {
        type: 'use_stripe_sdk',
        use_stripe_sdk: {
          type: 'three_d_secure_redirect',
          stripe_js: `https://hooks.stripe.com/3d_secure_2/authenticate/${si.id}`,
        },
      };
      this.emit('setup_intent.requires_action', si);
      return;
    }
    if (outcome.kind === 'decline') {
      si.status = 'requires_payment_method';
      si.payment_method = null;
      si.next_action = null;
      si.last_setup_error = {
        type: 'card_error',
        code: outcome.code,
        decline_code: outcome.declineCode,
        message: outcome.message,
        payment_method: pm,
      };
      this.emit('setup_intent.setup_failed', si);
      throw new ApiError(402, {
        type: 'card_error',
        code: outcome.code,
        decline_code: outcome.declineCode,
        message: outcome.message,
        doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
        setup_intent: structuredClone(si),
        payment_method: structuredClone(pm),
      });
    }
    this.completeSetup(si, pm);
  }

  /** Succeeds a SetupIntent, attaching its payment method to the customer (a test card becomes a new pm_). */
  private completeSetup(si: SetupIntent, pm: PaymentMethod): void {
    let saved = pm;
    if (si.customer !== null && pm.customer === null) {
      const stored = this.store.paymentMethods.get(pm.id);
      if (stored) {
        stored.customer = si.customer;
        saved = stored;
      } else {
        saved = { ...pm, id: newId('pm'), customer: si.customer, created: this.store.now() };
        this.store.paymentMethods.set(saved.id, saved);
      }
      this.emit('payment_method.attached', saved);
    }
    si.payment_method = saved.id;
    si.status = 'succeeded';
    si.next_action = null;
    si.last_setup_error = null;
    this.emit('setup_intent.succeeded', si);
  }

  private cancelSetup(p: Params, si: SetupIntent): SetupIntent {
    const allowed: SetupIntentStatus[] = [
      'requires_payment_method',
      'requires_confirmation',
      'requires_action',
    ];
    if (!allowed.includes(si.status)) throw setupUnexpectedState(si, 'canceled', allowed);
    si.cancellation_reason =
      oneOf(p, 'cancellation_reason', ['abandoned', 'duplicate', 'requested_by_customer'] as const) ?? null;
    si.status = 'canceled';
    si.next_action = null;
    this.emit('setup_intent.canceled', si);
    return si;
  }

  /** Finishes 3-D Secure for a SetupIntent in requires_action, as the customer would in the browser. */
  authenticateSetup(id: string, succeed: boolean): SetupIntent {
    const si = this.seti(id);
    if (si.status !== 'requires_action') throw setupUnexpectedState(si, 'authenticated', ['requires_action']);
    const pm = this.paymentMethod(si.payment_method ?? '', 'payment_method');
    if (succeed) {
      this.completeSetup(si, pm);
    } else {
      si.status = 'requires_payment_method';
      si.payment_method = null;
      si.next_action = null;
      si.last_setup_error = {
        type: 'invalid_request_error',
        code: 'setup_intent_authentication_failure',
        message: 'The latest attempt to set up the payment method has failed because authentication failed.',
        payment_method: pm,
      };
      this.emit('setup_intent.setup_failed', si);
    }
    return si;
  }

  // ---- refunds ----

  private createRefund(p: Params): Refund {
    const piId = str(p, 'payment_intent');
    const chargeId = str(p, 'charge');
    let charge: Charge | undefined;
    if (chargeId !== undefined) {
      charge = this.store.charges.get(chargeId);
      if (!charge) throw missing('charge', chargeId, 'charge');
    } else if (piId !== undefined) {
      const pi = this.store.paymentIntents.get(piId);
      if (!pi) throw missing('payment_intent', piId, 'payment_intent');
      charge = pi.latest_charge === null ? undefined : this.store.charges.get(pi.latest_charge);
    } else {
      throw invalidParam(
        'payment_intent',
        'One of `payment_intent` or `charge` is required.',
        'parameter_missing',
      );
    }
    const param = chargeId !== undefined ? 'charge' : 'payment_intent';
    if (!charge || !charge.captured) {
      throw invalidParam(
        param,
        'This payment has no captured charge to refund. Cancel an uncaptured PaymentIntent instead.',
        'charge_not_refundable',
      );
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining <= 0) {
      throw invalidParam(param, `Charge ${charge.id} has already been refunded.`, 'charge_already_refunded');
    }
    const amount = requireAmount(p, 'amount', charge.currency, false) ?? remaining;
    if (amount > remaining) {
      throw invalidParam(
        'amount',
        `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`,
        'amount_too_large',
      );
    }
    const reason = oneOf(p, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null;
    const metadata = mergeMetadata(p, {});
    const flags = this.connect.refundFlags(p);

    const refund: Refund = {
      id: newId('re'),
      object: 'refund',
      amount,
      charge: charge.id,
      created: this.store.now(),
      currency: charge.currency,
      metadata,
      payment_intent: charge.payment_intent,
      reason,
      status: 'succeeded',
      transfer_reversal: null,
    };
    this.store.refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    // Before the events: the refund and the charge they carry name the reversal.
    const announce = this.connect.settleRefund(charge, refund, flags);
    this.emit('refund.created', refund);
    this.emit('charge.refunded', charge);
    announce();
    return refund;
  }

  // ---- webhook endpoints ----

  private createEndpoint(p: Params): WebhookEndpoint {
    const url = reqStr(p, 'url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalidParam('url', `Invalid URL: ${url}`, 'url_invalid');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      throw invalidParam('url', `Invalid URL: ${url}`, 'url_invalid');
    const events = p['enabled_events'];
    const list = typeof events === 'string' ? [events] : events;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((e): e is string => typeof e === 'string' && /^[a-z_.*]+$/.test(e))
    ) {
      throw invalidParam(
        'enabled_events',
        'enabled_events must be a non-empty list of event types.',
        list === undefined ? 'parameter_missing' : 'parameter_invalid',
      );
    }
    const endpoint: WebhookEndpoint = {
      id: newId('we'),
      object: 'webhook_endpoint',
      api_version: str(p, 'api_version') ?? null,
      created: this.store.now(),
      description: str(p, 'description') ?? null,
      enabled_events: list,
      livemode: false,
      metadata: mergeMetadata(p, {}),
      secret: `whsec_${newId('x').slice(2)}${newId('x').slice(2)}`,
      status: 'enabled',
      url,
    };
    this.store.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  private withoutSecret(e: WebhookEndpoint): object {
    const { secret: _secret, ...rest } = e;
    return rest;
  }

  private listEndpoints(p: Params): object {
    const page = this.list(this.store.endpoints, p, '/v1/webhook_endpoints');
    if ('data' in page && Array.isArray(page.data)) {
      return { ...page, data: page.data.map((e: WebhookEndpoint) => this.withoutSecret(e)) };
    }
    return page;
  }

  private deleteEndpoint(id: string): object {
    this.get(this.store.endpoints, 'webhook endpoint', id);
    this.store.endpoints.delete(id);
    return { id, object: 'webhook_endpoint', deleted: true };
  }
}
