// What a buyer chooses at join: how the order reaches them (shipping, pickup or voucher), a contact e-mail,
// an optional phone, and the address or pickup point the method needs. The zod schema checks the shape at
// the edge (the browser's form uses it too); checkOrderChoice checks the choice against the deal's options
// and the country's address rules and says what shipping the hold must cover. Pickup capacity is counted
// under a lock in the join's transaction (pickup-capacity.ts), not here. Edit when an option gains a field.
import { getValidationRules, normalizeAddress, InvalidAddress } from '@cpsdqs/google-i18n-address';
import { z } from 'zod';
import type { FulfilmentOptions, PickupPoint, ShippingAddress } from '@/db/schema/fulfilment-options';
import { FULFILMENT_METHODS, type FulfilmentMethod } from '@/db/schema/statuses';
import { msg, refusalIssue, type ErrorKey, type Refusal } from '@/server/errors';
import { hasForbiddenCharacters } from '@/server/text';
import { shippingAmount } from '@/server/pricing';

type OrderFieldName = Extract<ErrorKey, `order.fieldName.${string}`>;

/** One line a person types (a name, a street, a city): NFC, trimmed, no control characters. */
function line(field: OrderFieldName, max: number) {
  return z
    .string()
    .refine(
      (v) => !hasForbiddenCharacters(v),
      refusalIssue('text.controlCharacter', { field: { key: field } }),
    )
    .normalize('NFC')
    .trim()
    .max(max);
}

/** Street lines: like `line`, but the buyer may write them on two or three lines. */
function lines(field: OrderFieldName, max: number) {
  return z
    .string()
    .refine(
      (v) => !hasForbiddenCharacters(v, true),
      refusalIssue('text.controlCharacter', { field: { key: field } }),
    )
    .normalize('NFC')
    .overwrite((v) => v.replace(/\r\n?/g, '\n').replace(/\t/g, ' '))
    .trim()
    .max(max);
}

const optional = <T extends z.ZodType<string>>(s: T) => s.optional();

/** A shipping address in the shape of Google's address data (its rules are applied by checkOrderChoice). */
export const shippingAddressSchema = z.object({
  countryCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, msg('field.option'))
    .transform((c) => c.toUpperCase()),
  name: line('order.fieldName.name', 100).min(1, msg('order.nameRequired')),
  companyName: optional(line('order.fieldName.companyName', 100)),
  streetAddress: lines('order.fieldName.streetAddress', 300).min(1, msg('order.fieldRequired')),
  city: optional(line('order.fieldName.city', 100)),
  cityArea: optional(line('order.fieldName.cityArea', 100)),
  countryArea: optional(line('order.fieldName.countryArea', 100)),
  postalCode: optional(line('order.fieldName.postalCode', 20)),
  sortingCode: optional(line('order.fieldName.sortingCode', 20)),
});

// Digits with an optional leading +, and the spaces, dots, dashes and brackets people write them with;
// 6 to 15 digits (E.164's maximum).
const PHONE = /^\+?[0-9 ().-]+$/;

export const contactEmailSchema = z
  .string()
  .trim()
  .max(254, msg('field.email'))
  .pipe(z.email(msg('field.email')));

export const phoneSchema = z
  .string()
  .trim()
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return PHONE.test(v) && digits >= 6 && digits <= 15;
  }, msg('order.phoneInvalid'));

/** The pickup point a buyer chooses: a PickupPoint id of the deal (short, printable). */
export const pickupPointIdSchema = z
  .string()
  .trim()
  .min(1, msg('order.pickupPointRequired'))
  .max(64)
  .regex(/^[\x21-\x7E]+$/, msg('order.pickupPointUnknown'));

/** What the buyer sends with a join. An empty phone counts as none. */
export const orderChoiceSchema = z.object({
  method: z.enum(FULFILMENT_METHODS, msg('order.methodNotOffered')),
  contactEmail: contactEmailSchema,
  phone: z
    .string()
    .trim()
    .refine((v) => v === '' || phoneSchema.safeParse(v).success, msg('order.phoneInvalid'))
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined)),
  address: shippingAddressSchema.optional(),
  pickupPointId: pickupPointIdSchema.optional(),
});

export type OrderChoice = z.input<typeof orderChoiceSchema>;
export type ParsedOrderChoice = z.output<typeof orderChoiceSchema>;

/** The order row's fields a valid choice gives (address normalized, the rest dropped). */
export type OrderValues = {
  method: FulfilmentMethod;
  contactEmail: string;
  phone: string | null;
  address: ShippingAddress | null;
  pickupPointId: string | null;
};

export type CheckedChoice =
  | {
      ok: true;
      order: OrderValues;
      /** Minor units added to the hold and to the charge, fixed on the member. */
      shippingAmount: number;
      /** The chosen pickup point when it has a capacity: the join counts its places under a lock. */
      pickupPoint: PickupPoint | null;
    }
  /** What to say, and per field (paths relative to the choice: 'address.postalCode'). */
  | { ok: false; refusal: Refusal; fields: Record<string, Refusal> };

/** True when the deal offers at least one way for its goods to reach buyers (joinable). */
export function hasFulfilment(options: FulfilmentOptions): boolean {
  return (
    options.shipping !== null ||
    (options.pickup !== null && options.pickup.points.length > 0) ||
    options.voucher !== null
  );
}

/** The methods a deal offers, in the order the form lists them. */
export function offeredMethods(options: FulfilmentOptions): FulfilmentMethod[] {
  return FULFILMENT_METHODS.filter((m) =>
    m === 'shipping'
      ? options.shipping !== null
      : m === 'pickup'
        ? options.pickup !== null && options.pickup.points.length > 0
        : options.voucher !== null,
  );
}

function refused(refusal: Refusal, fields: Record<string, Refusal> = {}): CheckedChoice {
  return { ok: false, refusal, fields };
}

/**
 * Checks a parsed choice against the deal's options for an order of `quantity` units: the method is offered;
 * shipping: the country is shipped to and the address passes the country's rules (Google's address data:
 * required fields, postal code patterns, region choices), normalized; pickup: the point exists. Returns the
 * order's values and its shipping amount, or what to refuse, per field.
 */
export async function checkOrderChoice(
  choice: ParsedOrderChoice,
  options: FulfilmentOptions,
  quantity: number,
): Promise<CheckedChoice> {
  if (!hasFulfilment(options)) return refused({ key: 'order.noOptions' });
  if (!offeredMethods(options).includes(choice.method)) {
    return refused({ key: 'order.methodNotOffered' }, { method: { key: 'order.methodNotOffered' } });
  }
  const base = { contactEmail: choice.contactEmail, phone: choice.phone ?? null };
  switch (choice.method) {
    case 'voucher':
      return {
        ok: true,
        order: { ...base, method: 'voucher', address: null, pickupPointId: null },
        shippingAmount: 0,
        pickupPoint: null,
      };
    case 'pickup': {
      const points = options.pickup?.points ?? [];
      if (!choice.pickupPointId) {
        return refused(
          { key: 'order.pickupPointRequired' },
          { pickupPointId: { key: 'order.pickupPointRequired' } },
        );
      }
      const point = points.find((p) => p.id === choice.pickupPointId);
      if (!point) {
        return refused(
          { key: 'order.pickupPointUnknown' },
          { pickupPointId: { key: 'order.pickupPointUnknown' } },
        );
      }
      return {
        ok: true,
        order: { ...base, method: 'pickup', address: null, pickupPointId: point.id },
        shippingAmount: 0,
        pickupPoint: point,
      };
    }
    case 'shipping': {
      const shipping = options.shipping;
      if (!shipping) return refused({ key: 'order.methodNotOffered' });
      if (!choice.address) {
        return refused({ key: 'order.addressRequired' }, { address: { key: 'order.addressRequired' } });
      }
      const checked = await checkAddress(choice.address, shipping.countries);
      if (!checked.ok) return checked;
      return {
        ok: true,
        order: { ...base, method: 'shipping', address: checked.address, pickupPointId: null },
        shippingAmount: shippingAmount(shipping, quantity),
        pickupPoint: null,
      };
    }
  }
}

/**
 * Checks an address against the countries a deal ships to and its country's rules (Google's address data),
 * and returns it normalized (region codes as the data names them, postal codes in their country's case).
 */
export async function checkAddress(
  address: z.output<typeof shippingAddressSchema>,
  countries: readonly string[],
): Promise<
  { ok: true; address: ShippingAddress } | { ok: false; refusal: Refusal; fields: Record<string, Refusal> }
> {
  const shipsTo = countries.map((c) => c.toUpperCase());
  if (!shipsTo.includes(address.countryCode)) {
    const refusal: Refusal = {
      key: 'order.countryNotShipped',
      values: { countries: { countries: shipsTo } },
    };
    return { ok: false, refusal, fields: { 'address.countryCode': refusal } };
  }
  const input = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined && v !== ''));
  try {
    const n = await normalizeAddress(input);
    const out: ShippingAddress = {
      countryCode: n.countryCode,
      name: address.name,
      streetAddress: n.streetAddress,
    };
    for (const k of [
      'companyName',
      'city',
      'cityArea',
      'countryArea',
      'postalCode',
      'sortingCode',
    ] as const) {
      // The library blanks fields the country's format has no place for; keep what is left.
      const v = n[k] ?? '';
      if (v) out[k] = v;
    }
    return { ok: true, address: out };
  } catch (err) {
    if (!(err instanceof InvalidAddress)) throw err;
    const fields: Record<string, Refusal> = {};
    const rules = await getValidationRules({ countryCode: address.countryCode }).catch(() => null);
    for (const [field, problem] of Object.entries(err.errors)) {
      let r: Refusal;
      if (problem === 'required') r = { key: 'order.fieldRequired' };
      else if (field === 'postalCode') {
        const example = rules?.postalCodeExamples[0];
        r = example
          ? { key: 'order.postalCodeInvalid', values: { example } }
          : { key: 'order.postalCodeInvalidNoExample' };
      } else if (field === 'countryArea' || field === 'city' || field === 'cityArea')
        r = { key: 'order.areaInvalid' };
      else r = { key: 'order.fieldInvalid' };
      fields[`address.${field}`] = r;
    }
    return { ok: false, refusal: { key: 'order.addressInvalid' }, fields };
  }
}
