// The one error module: the domain error services throw, its code → tRPC code map (used by the router's
// middleware in server/trpc/init.ts and by the live stream), and zod errors flattened for forms.
// A refusal is a key of the errors catalog (messages/<locale>/errors.json) with its ICU arguments, rendered
// in the reader's language where it is answered (server/localize-error.ts); `message` is the English
// rendering, for logs. Zod messages in our schemas are such keys (msg, refusalIssue); any other issue gets a
// generic message by its code. Imports zod types, English's catalog and the money formatter only, so the
// browser's forms may use fieldMessages too.
// Edit when a new kind of refusal appears (and add its words to every locale's errors.json).
import type { TRPCError } from '@trpc/server';
import { createTranslator, type MessageKeys, type NestedKeyOf } from 'use-intl/core';
import type { z } from 'zod';
import englishCatalog from '@/messages/en/errors.json';
import { formatMoney } from '@/server/pricing/currency';

export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INVALID_INPUT'
  | 'CONFLICT' // the resource is not in a state that allows this
  | 'GROUP_CLOSED'
  | 'GROUP_FULL'
  | 'INVITE_ONLY'
  | 'OUT_OF_STOCK'
  | 'PAYMENT_DECLINED'
  | 'PAYMENT_UNAVAILABLE'
  | 'RATE_LIMITED'; // too many requests from this person for now: try again shortly

/** A key of the `errors` catalog (messages/<locale>/errors.json); English's file types them. */
export type ErrorKey = MessageKeys<ErrorCatalog, NestedKeyOf<ErrorCatalog>>;
type ErrorCatalog = typeof englishCatalog;

/**
 * An ICU argument of a refusal: plain text or a number, another catalog message (a field's name, a group's
 * status) rendered in the same language, or an amount written with Intl in the reader's locale.
 */
export type ErrorValue =
  | string
  | number
  | { key: ErrorKey }
  | { money: number; currency: string }
  /** ISO 3166-1 alpha-2 codes, said as a list of country names in the reader's language. */
  | { countries: readonly string[] }
  /** An instant (ISO 8601), said as a date and time in the reader's language, with its time zone. */
  | { date: string };
export type ErrorValues = Readonly<Record<string, ErrorValue>>;

/** What to say, in no language yet: a catalog key and its arguments. */
export type Refusal = { key: ErrorKey; values?: ErrorValues };

/** A translator of the errors namespace and its locale (next-intl's useTranslations('errors'), translator()). */
export type ErrorWords = {
  t: (key: ErrorKey, values?: Record<string, string | number>) => string;
  locale: string;
};

/** The English words: DomainError.message (logs, tests) and a form rendered outside React. */
export const englishErrors: ErrorWords = {
  t: createTranslator({
    locale: 'en',
    messages: { errors: englishCatalog },
    namespace: 'errors',
  }) as ErrorWords['t'],
  locale: 'en',
};

/** True when `key` names a message of the errors catalog (zod messages we write are such keys). */
export function isErrorKey(key: unknown): key is ErrorKey {
  if (typeof key !== 'string' || key.length === 0) return false;
  let node: unknown = englishCatalog;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/** A word from the catalog when `key` names one (a status, a field), else `fallback` as it is. */
export function catalogWord(key: string, fallback: string): ErrorValue {
  return isErrorKey(key) ? { key } : fallback;
}

/** `key` as a zod message, so a schema names the catalog entry (checked by the type system). */
export const msg = <K extends ErrorKey>(key: K): K => key;

/** A zod refine/custom issue's message with ICU arguments: `.refine(ok, refusalIssue('text.x', { field }))`. */
export function refusalIssue(
  key: ErrorKey,
  values: ErrorValues,
): { message: ErrorKey; params: { values: ErrorValues } } {
  return { message: key, params: { values } };
}

function countryList(codes: readonly string[], locale: string): string {
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
  return new Intl.ListFormat([locale], { type: 'conjunction' }).format(codes.map((c) => names.of(c) ?? c));
}

function dateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat([locale], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** Renders a refusal in `words`' language; nested keys, money, countries and dates are rendered first. */
export function renderRefusal(words: ErrorWords, refusal: Refusal): string {
  const values: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(refusal.values ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') values[name] = v;
    else if ('key' in v) values[name] = words.t(v.key);
    else if ('countries' in v) values[name] = countryList(v.countries, words.locale);
    else if ('date' in v) values[name] = dateTime(v.date, words.locale);
    else values[name] = formatMoney(v.money, v.currency, words.locale);
  }
  return words.t(refusal.key, values);
}

/** Renders each field's refusal in `words`' language. */
export function renderFields(
  words: ErrorWords,
  fields: Readonly<Record<string, Refusal>> | undefined,
): Record<string, string> | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([path, r]) => [path, renderRefusal(words, r)]));
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** What the message says, in no language yet: the reader's is chosen where the error is answered. */
  readonly refusal: Refusal;
  /** Per-field refusals for forms: path → refusal. */
  readonly fieldRefusals: Readonly<Record<string, Refusal>> | undefined;

  /** `message` is the English rendering (logs, tests); readers get theirs through localizeError. */
  constructor(code: DomainErrorCode, key: ErrorKey, values?: ErrorValues, fields?: Record<string, Refusal>) {
    const refusal: Refusal = values ? { key, values } : { key };
    super(renderRefusal(englishErrors, refusal));
    this.name = 'DomainError';
    this.code = code;
    this.refusal = refusal;
    this.fieldRefusals = fields;
  }

  /** Per-field messages in English: path → message. */
  get fields(): Record<string, string> | undefined {
    return renderFields(englishErrors, this.fieldRefusals);
  }
}

/**
 * The tRPC code each domain code reaches the client as. Only PAYMENT_UNAVAILABLE is a server error
 * (tRPC clients, the live stream's among them, retry those); every other refusal is final.
 */
export const TRPC_CODE_OF: Readonly<Record<DomainErrorCode, TRPCError['code']>> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_INPUT: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  GROUP_CLOSED: 'CONFLICT',
  GROUP_FULL: 'CONFLICT',
  INVITE_ONLY: 'FORBIDDEN',
  OUT_OF_STOCK: 'CONFLICT',
  PAYMENT_DECLINED: 'PAYMENT_REQUIRED',
  PAYMENT_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
};

/** True when `err` is a DomainError with (one of) the given code(s). */
export function isDomainError(err: unknown, code?: DomainErrorCode): err is DomainError {
  return err instanceof DomainError && (code === undefined || err.code === code);
}

/** The refusal of one zod issue: our catalog key with its arguments, or a generic one by issue code. */
export function issueRefusal(issue: z.core.$ZodIssue): Refusal {
  const bounds: Record<string, number> = {};
  if (issue.code === 'too_small') bounds.min = Number(issue.minimum);
  if (issue.code === 'too_big') bounds.max = Number(issue.maximum);
  if (isErrorKey(issue.message)) {
    const attached =
      issue.code === 'custom' ? (issue.params as { values?: ErrorValues } | undefined)?.values : undefined;
    return { key: issue.message, values: { ...bounds, ...attached } };
  }
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return bounds.min === 1 ? { key: 'field.required' } : { key: 'field.tooShort', values: bounds };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { key: 'field.fewerItems', values: bounds };
      return { key: 'field.tooSmall', values: bounds };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'field.tooLong', values: bounds };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { key: 'field.moreItems', values: bounds };
      return { key: 'field.tooBig', values: bounds };
    case 'invalid_type':
      // Zod drops the input from a finished issue; its own English message still says what was received.
      if (issue.input == null && /received (undefined|null)$/.test(issue.message))
        return { key: 'field.required' };
      if (issue.expected === 'int') return { key: 'field.notWhole' };
      if (issue.expected === 'number') return { key: 'field.notNumber' };
      if (issue.expected === 'string') return { key: 'field.notText' };
      return { key: 'field.invalid' };
    case 'invalid_format':
      return issue.format === 'email' ? { key: 'field.email' } : { key: 'field.invalid' };
    case 'invalid_value':
      return { key: 'field.option' };
    case 'unrecognized_keys':
      return { key: 'field.unknownField' };
    default:
      return { key: 'field.invalid' };
  }
}

/** Zod issues as refusals per field: dotted path ('tiers.1.unitPrice') → the first refusal for that field. */
export function fieldRefusals(issues: readonly z.core.$ZodIssue[]): Record<string, Refusal> {
  const out: Record<string, Refusal> = {};
  for (const issue of issues) out[issue.path.map(String).join('.')] ??= issueRefusal(issue);
  return out;
}

/**
 * Zod issues as a form shows them, in `words`' language (useTranslations('errors') and useLocale() in the
 * browser; English when omitted): dotted path → the first message for that field.
 */
export function fieldMessages(
  issues: readonly z.core.$ZodIssue[],
  words: ErrorWords = englishErrors,
): Record<string, string> {
  return renderFields(words, fieldRefusals(issues)) ?? {};
}

/** Parses `value` with `schema`, or throws INVALID_INPUT carrying a refusal per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new DomainError(
      'INVALID_INPUT',
      'request.fieldsNeedAttention',
      undefined,
      fieldRefusals(result.error.issues),
    );
  return result.data;
}

/** True when PostgreSQL refused a value it was sent (SQLSTATE class 22: text it cannot store, out of range). */
export function isRefusedValue(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) return true;
  }
  return false;
}
