// The deal editor's form state and its conversion to the API's input. The form parses what was typed
// (decimals into minor units, text into numbers), then checks it with the server's own deal rules
// (server/deals/deal-input.ts), so mistakes show next to the field while typing, in the server's words.
// Pure; no React.
import {
  DEFAULT_MIN_WINDOW_SECONDS,
  dealIssues,
  dealSchemas,
  type DealRules,
  type DealValues,
} from '@/server/deals/deal-input';
import { englishErrors, fieldMessages, renderRefusal, type ErrorWords } from '@/server/errors';
import type { DealTranslations, OpenerReward } from '@/db/schema/deals';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import { fulfilmentTimeIssues } from '@/server/deals/fulfilment-input';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/locales';
import { currencyExponent, isCurrency, parseMoney, type Tier } from '@/server/pricing';
import { createTranslator } from 'use-intl/core';
import englishMerchant from '@/messages/en/merchant.json';

export type WindowUnit = 'minutes' | 'hours' | 'days';
export type BracketRow = { key: string; people: string; price: string };

/** A pickup point as typed; `id` is made when the row is added and kept for as long as the point exists. */
export type PickupRow = {
  id: string;
  name: string;
  address: string;
  hours: string;
  windowDays: string;
  capacity: string;
};

/** The fulfilment options as typed: each option on or off, with its fields kept while off. */
export type FulfilmentForm = {
  shippingOn: boolean;
  countries: string[];
  pricing: 'included' | 'per_order' | 'per_unit';
  shippingPrice: string;
  dispatchDays: string;
  pickupOn: boolean;
  points: PickupRow[];
  voucherOn: boolean;
  validUntil: string;
  instructions: string;
};

export type DealForm = {
  title: string;
  description: string;
  contentLocale: Locale;
  translations: DealTranslations;
  imageUrl: string | null;
  currency: string;
  listPrice: string;
  brackets: BracketRow[];
  windowValue: string;
  windowUnit: WindowUnit;
  maxMembers: string;
  qrCutoff: string;
  perBuyerMax: string;
  stock: string;
  fulfilment: FulfilmentForm;
  welcomeMessage: string;
  rewards: RewardsForm;
};

/** The rewards as typed: the opener's reward (kept while off) and the helper-sellers' commission. */
export type RewardsForm = {
  openerOn: boolean;
  /** "if at least N join". */
  openerMembers: string;
  /** Percent off the opener's order, 1-100 (100: their order free). */
  openerPercent: string;
  /** The most the reward is worth, as money typed ('' = no limit). */
  openerCap: string;
  /** Percent of a buyer's charge, up to 2 decimals ('' or 0 = none). */
  commissionPercent: string;
  /** Days after a charge before commissions are paid (the shop's refund window). */
  commissionHoldDays: string;
};

export type DealApiInput = {
  title: string;
  description: string;
  contentLocale: Locale;
  translations: DealTranslations;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  tiers: Tier[];
  windowSeconds: number;
  maxMembers: number;
  qrCutoff: number;
  perBuyerMax: number;
  stock: number | null;
  fulfilment: FulfilmentOptions;
  welcomeMessage: string;
  openerReward: OpenerReward | null;
  commissionBps: number;
  commissionHoldDays: number;
};

/** The form's own messages (merchant.form): useTranslations('merchant.form') in the editor. */
export type FormWords = (
  key: 'chooseCurrency' | 'wholeAmount' | 'amountLike' | 'enterListPrice' | 'howManyPeople' | 'whatEachPays',
  values?: { example: string },
) => string;

/** English form messages, for callers outside React (tests). */
export const englishFormWords: FormWords = createTranslator({
  locale: 'en',
  messages: { form: englishMerchant.form },
  namespace: 'form',
});

const UNIT_SECONDS: Record<WindowUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

// The browser cannot read the server's environment: by default it checks the default window floor, which
// the server only ever lowers (FLOCK_MIN_WINDOW_SECONDS, for end-to-end tests).
const DEFAULT_RULES: DealRules = { minWindowSeconds: () => DEFAULT_MIN_WINDOW_SECONDS };
const defaultSchemas = dealSchemas(DEFAULT_RULES);

// Rows the form starts with are numbered by position, so the server's render and the browser's hydration
// give them the same element ids; rows added later (in the browser only) count on from their own sequence.
let seq = 0;
/** A stable key for a bracket row added while editing (React list identity survives reordering). */
export const newRowKey = () => `row-added-${(seq++).toString(36)}`;
const initialRowKey = (i: number) => `row-${i}`;

/** Minor units as the text a merchant would type ("8.00"). */
export function minorToInput(minor: number, currency: string): string {
  const exp = isCurrency(currency) ? currencyExponent(currency) : 2;
  if (exp === 0) return String(minor);
  const s = String(minor).padStart(exp + 1, '0');
  return `${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/** No option chosen yet; shipping starts as a price per order, dispatched within 3 days, when turned on. */
export function emptyFulfilmentForm(): FulfilmentForm {
  return {
    shippingOn: false,
    countries: [],
    pricing: 'per_order',
    shippingPrice: '',
    dispatchDays: '3',
    pickupOn: false,
    points: [],
    voucherOn: false,
    validUntil: '',
    instructions: '',
  };
}

/** A deal's options as the form shows them. */
export function fulfilmentFormFrom(f: FulfilmentOptions, currency: string): FulfilmentForm {
  const blank = emptyFulfilmentForm();
  return {
    shippingOn: f.shipping !== null,
    countries: f.shipping?.countries ?? [],
    pricing: f.shipping?.pricing ?? blank.pricing,
    shippingPrice:
      f.shipping && f.shipping.pricing !== 'included' ? minorToInput(f.shipping.price, currency) : '',
    dispatchDays: f.shipping ? String(f.shipping.dispatchDays) : blank.dispatchDays,
    pickupOn: (f.pickup?.points.length ?? 0) > 0,
    points: (f.pickup?.points ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      address: p.address,
      hours: p.hours,
      windowDays: String(p.windowDays),
      capacity: p.capacity === null ? '' : String(p.capacity),
    })),
    voucherOn: f.voucher !== null,
    validUntil: f.voucher?.validUntil ?? '',
    instructions: f.voucher?.instructions ?? '',
  };
}

/** No opener reward (off, with a starting suggestion kept for when it is turned on), no commission, paid
 * 14 days after a charge. */
export function emptyRewardsForm(): RewardsForm {
  return {
    openerOn: false,
    openerMembers: '',
    openerPercent: '100',
    openerCap: '',
    commissionPercent: '',
    commissionHoldDays: '14',
  };
}

/** Basis points as the percent a merchant types ("12.5" for 1250, "" for none). */
export function bpsToPercent(bps: number): string {
  if (bps === 0) return '';
  const whole = Math.trunc(bps / 100);
  const rest = bps % 100;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
}

const PERCENT = /^\s*(\d+)(?:\.(\d{1,2}))?\s*$/;
/** A typed percent with up to two decimals as basis points ('' is 0), or NaN, which the server refuses. */
export function percentToBps(s: string): number {
  if (!s.trim()) return 0;
  const m = PERCENT.exec(s);
  if (!m) return Number.NaN;
  const whole = Number(m[1]);
  const frac = Number((m[2] ?? '').padEnd(2, '0'));
  return whole * 100 + frac;
}

/** A deal's rewards as the form shows them. */
export function rewardsFormFrom(
  d: Pick<DealApiInput, 'openerReward' | 'commissionBps' | 'commissionHoldDays'>,
  currency: string,
): RewardsForm {
  const blank = emptyRewardsForm();
  const r = d.openerReward;
  return {
    openerOn: r !== null,
    openerMembers: r ? String(r.minMembers) : blank.openerMembers,
    openerPercent: r ? String(r.percent) : blank.openerPercent,
    openerCap: r && r.cap !== null ? minorToInput(r.cap, currency) : '',
    commissionPercent: bpsToPercent(d.commissionBps),
    commissionHoldDays: String(d.commissionHoldDays),
  };
}

/** A blank deal in the merchant's default currency, with two starter brackets to fill in. */
export function emptyDealForm(currency: string, contentLocale: Locale = DEFAULT_LOCALE): DealForm {
  return {
    title: '',
    description: '',
    contentLocale,
    translations: {},
    imageUrl: null,
    currency,
    listPrice: '',
    brackets: [
      { key: initialRowKey(0), people: '', price: '' },
      { key: initialRowKey(1), people: '', price: '' },
    ],
    windowValue: '2',
    windowUnit: 'days',
    maxMembers: '50',
    qrCutoff: '50',
    perBuyerMax: '3',
    stock: '',
    fulfilment: emptyFulfilmentForm(),
    welcomeMessage: '',
    rewards: emptyRewardsForm(),
  };
}

/** The form for an existing deal. */
export function dealFormFromDeal(d: DealApiInput): DealForm {
  const unit: WindowUnit =
    d.windowSeconds % 86_400 === 0 ? 'days' : d.windowSeconds % 3600 === 0 ? 'hours' : 'minutes';
  return {
    title: d.title,
    description: d.description,
    contentLocale: d.contentLocale,
    translations: d.translations,
    imageUrl: d.imageUrl,
    currency: d.currency,
    listPrice: minorToInput(d.listPrice, d.currency),
    brackets: d.tiers.map((t, i) => ({
      key: initialRowKey(i),
      people: String(t.minMembers),
      price: minorToInput(t.unitPrice, d.currency),
    })),
    windowValue: String(Math.round((d.windowSeconds / UNIT_SECONDS[unit]) * 100) / 100),
    windowUnit: unit,
    maxMembers: String(d.maxMembers),
    qrCutoff: String(d.qrCutoff),
    perBuyerMax: String(d.perBuyerMax),
    stock: d.stock === null ? '' : String(d.stock),
    fulfilment: fulfilmentFormFrom(d.fulfilment, d.currency),
    welcomeMessage: d.welcomeMessage,
    rewards: rewardsFormFrom(d, d.currency),
  };
}

const WHOLE = /^\s*\d+\s*$/;
/** A typed whole number, or NaN, which the server's schema refuses as "... must be a whole number". */
const int = (s: string): number => (WHOLE.test(s) ? Number(s.trim()) : Number.NaN);

export type FormCheck = {
  /** The API input when every field is valid. */
  input: DealApiInput | null;
  /** Messages keyed like the server's fields ('tiers.1.unitPrice'). */
  errors: Record<string, string>;
  /** Brackets that parse, in the order given, for the preview chart (even while others are wrong). */
  previewTiers: Tier[];
  listPrice: number | null;
  maxMembers: number | null;
  /** The window as typed, in seconds (0 when unreadable): its payment mode is explained live. */
  windowSeconds: number;
};

/**
 * Checks the form with the server's rules (under `rules`, default floor by default) and builds the API
 * input; the form's own messages in `form` words (the merchant's language).
 */
export function checkDealForm(
  f: DealForm,
  rules: DealRules = DEFAULT_RULES,
  form: FormWords = englishFormWords,
  // The server's rules' words: useTranslations('errors') and useLocale() in the editor.
  errorWords: ErrorWords = englishErrors,
): FormCheck {
  const { dealValuesSchema } = rules === DEFAULT_RULES ? defaultSchemas : dealSchemas(rules);
  // First what only the form can say (text that is not an amount), then the server's field rules, then
  // its rules across fields; the first message for a field wins.
  const errors: Record<string, string> = {};
  const currency = isCurrency(f.currency) ? f.currency : null;
  if (!currency) errors.currency = form('chooseCurrency');

  const exp = currency ? currencyExponent(currency) : 2;
  const enterAmount =
    exp === 0 ? form('wholeAmount') : form('amountLike', { example: exp === 3 ? '8.500' : '8.00' });
  const listPrice = currency ? parseMoney(f.listPrice, currency) : null;
  if (listPrice === null) errors.listPrice = f.listPrice.trim() ? enterAmount : form('enterListPrice');

  const windowNumber = /^\s*\d+(\.\d+)?\s*$/.test(f.windowValue) ? Number(f.windowValue) : null;
  // Nothing readable is no window at all: the server's "longer than zero".
  const windowSeconds = windowNumber === null ? 0 : Math.round(windowNumber * UNIT_SECONDS[f.windowUnit]);

  // Brackets: each field parsed on its own; the rules between brackets come with the deal's below.
  const tiers: Tier[] = [];
  const previewTiers: Tier[] = [];
  f.brackets.forEach((b, i) => {
    const people = int(b.people);
    const price = currency ? parseMoney(b.price, currency) : null;
    if (!b.people.trim()) errors[`tiers.${i}.minMembers`] = form('howManyPeople');
    if (price === null) errors[`tiers.${i}.unitPrice`] = b.price.trim() ? enterAmount : form('whatEachPays');
    tiers.push({ minMembers: people, unitPrice: price ?? Number.NaN });
    if (Number.isSafeInteger(people) && price !== null && price > 0)
      previewTiers.push({ minMembers: people, unitPrice: price });
  });

  // Fulfilment: amounts parsed like the prices above; an option turned off is not offered.
  const ff = f.fulfilment;
  let shippingPrice = 0;
  if (ff.shippingOn && ff.pricing !== 'included' && ff.shippingPrice.trim()) {
    const parsedPrice = currency ? parseMoney(ff.shippingPrice, currency) : null;
    if (parsedPrice === null) errors['fulfilment.shipping.price'] = enterAmount;
    shippingPrice = parsedPrice ?? Number.NaN;
  }
  const fulfilment: FulfilmentOptions = {
    shipping: ff.shippingOn
      ? {
          countries: ff.countries,
          pricing: ff.pricing,
          price: shippingPrice,
          dispatchDays: int(ff.dispatchDays),
        }
      : null,
    pickup: ff.pickupOn
      ? {
          points: ff.points.map((p) => ({
            id: p.id,
            name: p.name,
            address: p.address,
            hours: p.hours,
            windowDays: int(p.windowDays),
            capacity: p.capacity.trim() ? int(p.capacity) : null,
          })),
        }
      : null,
    voucher: ff.voucherOn ? { validUntil: ff.validUntil, instructions: ff.instructions } : null,
  };

  // Rewards: the cap is money like the prices; the commission a percent with up to two decimals.
  const rf = f.rewards;
  let openerCap: number | null = null;
  if (rf.openerOn && rf.openerCap.trim()) {
    const parsedCap = currency ? parseMoney(rf.openerCap, currency) : null;
    if (parsedCap === null) errors['openerReward.cap'] = enterAmount;
    openerCap = parsedCap ?? Number.NaN;
  }
  const openerReward: OpenerReward | null = rf.openerOn
    ? { minMembers: int(rf.openerMembers), percent: int(rf.openerPercent), cap: openerCap }
    : null;

  const values: DealValues = {
    title: f.title,
    description: f.description,
    contentLocale: f.contentLocale,
    translations: f.translations,
    imageUrl: f.imageUrl,
    currency: currency ?? f.currency,
    listPrice: listPrice ?? Number.NaN,
    tiers,
    windowSeconds,
    maxMembers: int(f.maxMembers),
    qrCutoff: int(f.qrCutoff),
    perBuyerMax: int(f.perBuyerMax),
    stock: f.stock.trim() ? int(f.stock) : null,
    fulfilment,
    welcomeMessage: f.welcomeMessage,
    openerReward,
    commissionBps: percentToBps(rf.commissionPercent),
    commissionHoldDays: int(rf.commissionHoldDays),
  };
  const parsed = dealValuesSchema.safeParse(values);
  const found = parsed.success ? {} : fieldMessages(parsed.error.issues, errorWords);
  // The schema checks across fields only once each field is valid; the form shows both at once.
  const issues = [
    ...dealIssues(values, rules),
    ...fulfilmentTimeIssues(fulfilment, windowSeconds, new Date()),
  ];
  for (const { path, message, values: args } of issues)
    found[path.map(String).join('.')] ??= renderRefusal(errorWords, { key: message, values: args });
  for (const [key, message] of Object.entries(found)) errors[key] ??= message;

  const maxMembers = Number.isSafeInteger(values.maxMembers) ? values.maxMembers : null;
  return {
    input: parsed.success && Object.keys(errors).length === 0 ? parsed.data : null,
    errors,
    previewTiers,
    listPrice,
    maxMembers,
    windowSeconds,
  };
}
