// The rules for a deal's fulfilment options (shipping, pickup points, voucher): their schema and limits, what
// publishing needs, and what may change while a group is open (FULFILMENT-OPTIONS.md says why). Pure like
// deal-input.ts (zod, the country list, server/text.ts), so the deal editor checks with the same rules.
// Edit when an option gains a field or a limit changes.
import isoCountries from 'i18n-iso-countries';
import { z } from 'zod';
import type { FulfilmentOptions, PickupPoint } from '@/db/schema/fulfilment-options';
import { NO_FULFILMENT } from '@/db/schema/fulfilment-options';
import type { FulfilmentMethod } from '@/db/schema/statuses';
import { msg, refusalIssue, type ErrorKey, type ErrorValues, type Refusal } from '@/server/errors';
import { multiLineText, singleLineText } from '@/server/text';

export const FULFILMENT_LIMITS = {
  maxCountries: 250,
  /** Minor units: 100 million (a million dollars, a hundred million yen) is far past any parcel. */
  maxShippingPrice: 100_000_000,
  maxDispatchDays: 60,
  maxPoints: 20,
  nameMax: 80,
  addressMax: 300,
  hoursMax: 200,
  maxWindowDays: 60,
  maxCapacity: 100_000,
  instructionsMax: 1000,
} as const;

const L = FULFILMENT_LIMITS;
const wholeNumber = (key: ErrorKey) => z.int({ error: key });

// Short ids from an alphabet without look-alikes (0/o, 1/l/i); 8 characters are plenty within one deal.
const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const ID_SHAPE = /^[a-z0-9]{4,16}$/;

/** A new pickup point's id: short and random; a point keeps it for as long as it exists. */
export function newPickupPointId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

/** True for an ISO 3166-1 alpha-2 code we know ("JP", "US"). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isoCountries.isValid(code);
}

const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    if (!isCountryCode(v))
      ctx.addIssue({
        code: 'custom',
        input: v,
        ...refusalIssue('fulfilmentOptions.countryUnknown', { country: v }),
      });
  });

const shippingSchema = z
  .object({
    countries: z
      .array(countrySchema)
      .min(1, msg('fulfilmentOptions.countriesRequired'))
      .max(L.maxCountries, msg('fulfilmentOptions.tooManyCountries'))
      // The same country twice is one country.
      .transform((all) => [...new Set(all)]),
    pricing: z.enum(['included', 'per_order', 'per_unit'], msg('fulfilmentOptions.pricing')),
    price: wholeNumber('fulfilmentOptions.priceWhole')
      .min(0, msg('fulfilmentOptions.priceWhole'))
      .max(L.maxShippingPrice, msg('fulfilmentOptions.priceTooBig')),
    dispatchDays: wholeNumber('fulfilmentOptions.dispatchWhole')
      .min(1, msg('fulfilmentOptions.dispatchTooSmall'))
      .max(L.maxDispatchDays, msg('fulfilmentOptions.dispatchTooBig')),
  })
  .superRefine((v, ctx) => {
    if (v.pricing !== 'included' && v.price === 0)
      ctx.addIssue({ code: 'custom', path: ['price'], message: msg('fulfilmentOptions.pricePositive') });
  })
  // Included shipping costs nothing, whatever price was left in the form.
  .transform((v) => (v.pricing === 'included' ? { ...v, price: 0 } : v));

const pickupPointSchema = z.object({
  // A point added without an id (the seed, a test) gets one; the editor sends the id it made.
  id: z
    .string()
    .regex(ID_SHAPE, msg('fulfilmentOptions.pointId'))
    .optional()
    .transform((v) => v ?? newPickupPointId()),
  name: singleLineText('fieldName.pickupName')
    .min(1, msg('fulfilmentOptions.nameRequired'))
    .max(L.nameMax, msg('fulfilmentOptions.nameTooLong')),
  address: multiLineText('fieldName.pickupAddress')
    .min(1, msg('fulfilmentOptions.addressRequired'))
    .max(L.addressMax, msg('fulfilmentOptions.addressTooLong')),
  hours: multiLineText('fieldName.pickupHours')
    .min(1, msg('fulfilmentOptions.hoursRequired'))
    .max(L.hoursMax, msg('fulfilmentOptions.hoursTooLong')),
  windowDays: wholeNumber('fulfilmentOptions.windowWhole')
    .min(1, msg('fulfilmentOptions.windowTooSmall'))
    .max(L.maxWindowDays, msg('fulfilmentOptions.windowTooBig')),
  capacity: wholeNumber('fulfilmentOptions.capacityWhole')
    .min(1, msg('fulfilmentOptions.capacityTooSmall'))
    .max(L.maxCapacity, msg('fulfilmentOptions.capacityTooBig'))
    .nullable()
    .default(null),
});

const pickupSchema = z.object({
  points: z
    .array(pickupPointSchema)
    .min(1, msg('fulfilmentOptions.pointsRequired'))
    .max(L.maxPoints, msg('fulfilmentOptions.tooManyPoints'))
    .superRefine((points, ctx) => {
      const seen = new Set<string>();
      points.forEach((p, i) => {
        if (seen.has(p.id))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'id'],
            message: msg('fulfilmentOptions.pointIdDuplicate'),
          });
        seen.add(p.id);
      });
    }),
});

/** Fulfilment issues as a form's per-field refusals (DomainError's fields). */
export function issueFields(issues: readonly FulfilmentIssue[]): Record<string, Refusal> {
  const out: Record<string, Refusal> = {};
  for (const i of issues)
    out[i.path.join('.')] ??= i.values ? { key: i.message, values: i.values } : { key: i.message };
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written yyyy-mm-dd. */
export function isIsoDate(v: string): boolean {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const voucherSchema = z.object({
  validUntil: z.string().trim().refine(isIsoDate, msg('fulfilmentOptions.validUntil')),
  instructions: multiLineText('fieldName.voucherInstructions')
    .max(L.instructionsMax, msg('fulfilmentOptions.instructionsTooLong'))
    .default(''),
});

/** A deal's fulfilment options; an option left out is not offered. Drafts may offer none yet. */
export const fulfilmentSchema = z.object({
  shipping: shippingSchema.nullable().default(null),
  pickup: pickupSchema.nullable().default(null),
  voucher: voucherSchema.nullable().default(null),
});

export { NO_FULFILMENT };

/** The methods a deal offers, in the order a buyer reads them. */
export function offeredMethods(f: FulfilmentOptions): FulfilmentMethod[] {
  const out: FulfilmentMethod[] = [];
  if (f.shipping) out.push('shipping');
  if (f.pickup && f.pickup.points.length > 0) out.push('pickup');
  if (f.voucher) out.push('voucher');
  return out;
}

/** A fulfilment problem, keyed like the deal's fields ('fulfilment.voucher.validUntil'). */
export type FulfilmentIssue = { path: (string | number)[]; message: ErrorKey; values?: ErrorValues };

/** The first day a voucher may end on: the UTC date a group opened at `now` closes at the latest. */
export function earliestVoucherEnd(windowSeconds: number, now: Date): string {
  return new Date(now.getTime() + windowSeconds * 1000).toISOString().slice(0, 10);
}

/**
 * Rules that depend on the clock: a voucher must still be valid when a group opened now closes. Checked when
 * the options are created or changed and again at publish (an old draft's voucher may have run out since).
 */
export function fulfilmentTimeIssues(
  f: FulfilmentOptions,
  windowSeconds: number,
  now: Date,
): FulfilmentIssue[] {
  if (!f.voucher) return [];
  const earliest = earliestVoucherEnd(windowSeconds, now);
  return f.voucher.validUntil < earliest
    ? [
        {
          path: ['fulfilment', 'voucher', 'validUntil'],
          message: 'fulfilmentOptions.voucherTooSoon',
          values: { date: earliest },
        },
      ]
    : [];
}

/** What publishing needs of the options: at least one, and a voucher still valid (fulfilmentTimeIssues). */
export function publishIssues(f: FulfilmentOptions, windowSeconds: number, now: Date): FulfilmentIssue[] {
  if (offeredMethods(f).length === 0)
    return [{ path: ['fulfilment'], message: 'fulfilmentOptions.noOption' }];
  return fulfilmentTimeIssues(f, windowSeconds, now);
}

/** What the members of a deal's open groups chose: methods, and pickup points by id. */
export type ChosenFulfilment = { methods: ReadonlySet<FulfilmentMethod>; pointIds: ReadonlySet<string> };

/**
 * What a change to the options may not do while a group is open (members joined on them, and their shipping
 * is fixed at join): remove an option or a pickup point a member chose; remove a country; change the shipping
 * price; make dispatch later; move a point or shorten its window or capacity; shorten the voucher. Anything
 * that only adds, or only gets better for buyers, may change. Empty = allowed.
 */
export function fulfilmentChangeIssues(
  current: FulfilmentOptions,
  next: FulfilmentOptions,
  chosen: ChosenFulfilment,
): FulfilmentIssue[] {
  const issues: FulfilmentIssue[] = [];
  const at = (...path: (string | number)[]) => ['fulfilment', ...path];
  const removed = (m: FulfilmentMethod) => {
    if (!chosen.methods.has(m)) return;
    const method = { key: `fulfilmentOptions.method.${m}` } as const;
    issues.push({ path: at(m), message: 'fulfilmentOptions.optionChosen', values: { method } });
  };

  if (current.shipping && !next.shipping) removed('shipping');
  if (current.shipping && next.shipping) {
    const was = current.shipping;
    const now = next.shipping;
    if (was.countries.some((c) => !now.countries.includes(c)))
      issues.push({ path: at('shipping', 'countries'), message: 'fulfilmentOptions.countryRemoved' });
    if (was.pricing !== now.pricing || was.price !== now.price)
      issues.push({ path: at('shipping', 'price'), message: 'fulfilmentOptions.shippingPriceLocked' });
    if (now.dispatchDays > was.dispatchDays)
      issues.push({
        path: at('shipping', 'dispatchDays'),
        message: 'fulfilmentOptions.dispatchLonger',
        values: { max: was.dispatchDays },
      });
  }

  const wasPoints = current.pickup?.points ?? [];
  const nextPoints = next.pickup?.points ?? [];
  if (wasPoints.length > 0 && nextPoints.length === 0) removed('pickup');
  else {
    for (const was of wasPoints) {
      const i = nextPoints.findIndex((p) => p.id === was.id);
      const now: PickupPoint | undefined = nextPoints[i];
      if (!now) {
        if (chosen.pointIds.has(was.id))
          issues.push({ path: at('pickup', 'points'), message: 'fulfilmentOptions.pointChosen' });
        continue;
      }
      if (now.address !== was.address)
        issues.push({
          path: at('pickup', 'points', i, 'address'),
          message: 'fulfilmentOptions.pointAddressLocked',
        });
      if (now.windowDays < was.windowDays)
        issues.push({
          path: at('pickup', 'points', i, 'windowDays'),
          message: 'fulfilmentOptions.pointWindowShorter',
          values: { min: was.windowDays },
        });
      // No limit is the most room; a limit may only be raised or lifted.
      const room = (c: number | null) => c ?? Number.POSITIVE_INFINITY;
      if (room(now.capacity) < room(was.capacity))
        issues.push({
          path: at('pickup', 'points', i, 'capacity'),
          message: 'fulfilmentOptions.capacityLower',
        });
    }
  }

  if (current.voucher && !next.voucher) removed('voucher');
  if (current.voucher && next.voucher && next.voucher.validUntil < current.voucher.validUntil)
    issues.push({
      path: at('voucher', 'validUntil'),
      message: 'fulfilmentOptions.voucherShorter',
      values: { date: current.voucher.validUntil },
    });
  return issues;
}

/**
 * What shoppers may read of the options (the deal page, the group page, the join form): every field is the
 * merchant's public offer, a pickup point's address included. Copied field by field, so a field added later
 * for the merchant's eyes only is not published by accident.
 */
export function publicFulfilment(f: FulfilmentOptions): FulfilmentOptions {
  return {
    shipping: f.shipping
      ? {
          countries: [...f.shipping.countries],
          pricing: f.shipping.pricing,
          price: f.shipping.price,
          dispatchDays: f.shipping.dispatchDays,
        }
      : null,
    pickup:
      f.pickup && f.pickup.points.length > 0
        ? {
            points: f.pickup.points.map((p) => ({
              id: p.id,
              name: p.name,
              address: p.address,
              hours: p.hours,
              windowDays: p.windowDays,
              capacity: p.capacity,
            })),
          }
        : null,
    voucher: f.voucher ? { validUntil: f.voucher.validUntil, instructions: f.voucher.instructions } : null,
  };
}

/** Two option sets compare equal when they say the same (jsonb hands keys back in its own order). */
export function sameFulfilment(a: FulfilmentOptions, b: FulfilmentOptions): boolean {
  return JSON.stringify(publicFulfilment(a)) === JSON.stringify(publicFulfilment(b));
}
