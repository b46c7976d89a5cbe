// Currencies and money I/O. Amounts are integer minor units everywhere (DESIGN rule 1); this file is the
// only place that turns them into text for people and back. Edit CURRENCIES to support a new currency.

/** ISO 4217 minor-unit exponents of the currencies Flock accepts (JPY 0, USD 2, KWD 3). */
export const CURRENCIES = {
  // 2 decimals
  USD: 2,
  EUR: 2,
  GBP: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SGD: 2,
  HKD: 2,
  CNY: 2,
  TWD: 2,
  INR: 2,
  BRL: 2,
  MXN: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  THB: 2,
  IDR: 2,
  PHP: 2,
  MYR: 2,
  ZAR: 2,
  AED: 2,
  SAR: 2,
  ILS: 2,
  TRY: 2,
  // 0 decimals
  VND: 0,
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  PYG: 0,
  UGX: 0,
  XAF: 0,
  XOF: 0,
  // 3 decimals
  KWD: 3,
  BHD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
  IQD: 3,
  LYD: 3,
} as const satisfies Record<string, 0 | 2 | 3>;

export type CurrencyCode = keyof typeof CURRENCIES;

/** The supported codes, for pickers and `z.enum(CURRENCY_CODES)`. */
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]];

/** True when `code` is a supported ISO 4217 code (exact, upper case). */
export function isCurrency(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

/** Minor-unit exponent of a supported currency; throws RangeError for an unknown code. */
export function currencyExponent(code: string): number {
  if (!isCurrency(code)) throw new RangeError(`Unsupported currency "${code}"`);
  return CURRENCIES[code];
}

/** Exact decimal text of an integer minor amount: (1234, 2) → "12.34", (-5, 3) → "-0.005", (780, 0) → "780". */
export function minorToDecimalString(minor: number, exponent: number): string {
  if (!Number.isSafeInteger(minor))
    throw new RangeError(`Money amount must be an integer of minor units, got ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * Formats integer minor units for display in the reader's locale (a BCP 47 tag: 'en', 'zh-CN', 'ja'), e.g.
 * (1234, 'USD', 'en') → "$12.34", (780, 'JPY', 'en') → "¥780", (780, 'JPY', 'zh-CN') → "JP¥780",
 * (780, 'JPY', 'ja') → "￥780". No default: every caller says whose money words these are.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const exponent = currencyExponent(currency);
  // Intl formats a decimal string exactly, so even amounts beyond float precision print right.
  const decimal = minorToDecimalString(minor, exponent) as `${number}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(decimal);
}

const PLAIN = /^(\d*)(?:\.(\d*))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * Parses a typed amount ("12.5", "1,234.50", "780") into integer minor units with string arithmetic,
 * or null for junk, negatives, more decimals than the currency has, or amounts beyond safe integers.
 */
export function parseMoney(input: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  let text = input.trim();
  // Only unambiguous thousands grouping ("1,234.5"); "12,50" could be a decimal comma, so it is refused.
  if (text.includes(',')) {
    if (!GROUPED.test(text)) return null;
    text = text.replaceAll(',', '');
  }
  const match = PLAIN.exec(text);
  if (!match) return null;
  const whole = match[1] ?? '';
  let fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return null; // "", "."
  // Trailing zeros past the exponent are exact ("12.50" in JPY is not, "12.340" in USD is), so drop them.
  fraction = fraction.replace(/0+$/, '');
  if (fraction.length > exponent) return null;
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return null; // beyond any safe integer; also keeps Number() exact below
  const minor = Number(digits || '0'); // ".0" in JPY leaves no digits

  return Number.isSafeInteger(minor) ? minor : null;
}
