// Price brackets of a deal and their validation (DESIGN rule 2). Deal forms and the deal service use the
// same rules through validateTiers / addTierIssues, so a merchant sees the same words everywhere.
import { z } from 'zod';
import { formatMoney, isCurrency } from './currency';

/** One price bracket: `unitPrice` (integer minor units) applies from `minMembers` confirmed members. */
export type Tier = { minMembers: number; unitPrice: number };

export type TierError = { path: (string | number)[]; message: string };

export type TierRules = {
  /** The group's capacity; every bracket must be reachable. */
  maxMembers: number;
  /** The product's normal price; the first bracket may not cost more. */
  listPrice?: number;
  /** Used to write prices in messages ("$8.00"); plain minor units without it. */
  currency?: string;
};

export type TierValidation = { ok: true; tiers: Tier[] } | { ok: false; errors: TierError[] };

const isPositiveInt = (n: number): boolean => Number.isSafeInteger(n) && n >= 1;
const people = (n: number): string => `${n} ${n === 1 ? 'person' : 'people'}`;

function money(minor: number, currency: string | undefined): string {
  return currency !== undefined && isCurrency(currency) && Number.isSafeInteger(minor)
    ? formatMoney(minor, currency, 'en')
    : String(minor);
}

/** Checks tiers against DESIGN rule 2 and returns them, or every problem with a per-field path. */
export function validateTiers(tiers: Tier[], opts: TierRules): TierValidation {
  const errors: TierError[] = [];
  const { maxMembers, listPrice, currency } = opts;
  const maxOk = isPositiveInt(maxMembers);
  if (!maxOk)
    errors.push({ path: ['maxMembers'], message: 'Group size must be a whole number of at least 1' });

  if (tiers.length === 0) {
    errors.push({ path: ['tiers'], message: 'Needs at least one price bracket' });
    return { ok: false, errors };
  }

  tiers.forEach((tier, i) => {
    const at = (field: keyof Tier): (string | number)[] => ['tiers', i, field];
    const prev = i > 0 ? tiers[i - 1] : undefined;
    const { minMembers, unitPrice } = tier;
    // Compare only with a neighbour that is itself well formed, so one mistake is reported once.
    const prevMembersOk = prev !== undefined && isPositiveInt(prev.minMembers);
    const prevPriceOk = prev !== undefined && isPositiveInt(prev.unitPrice);

    // minMembers: whole, ≥ 1 on the first, strictly increasing, within the group size.
    if (!Number.isSafeInteger(minMembers)) {
      errors.push({ path: at('minMembers'), message: 'Number of people must be a whole number' });
    } else if (prev === undefined && minMembers < 1) {
      errors.push({ path: at('minMembers'), message: 'First bracket must start at 1 person or more' });
    } else if (prevMembersOk && minMembers <= prev.minMembers) {
      errors.push({
        path: at('minMembers'),
        message: `From ${people(minMembers)} must be more than the bracket above (${prev.minMembers})`,
      });
    } else if (maxOk && minMembers > maxMembers) {
      errors.push({
        path: at('minMembers'),
        message: `This bracket needs ${people(minMembers)} but a group holds at most ${maxMembers}`,
      });
    }

    // unitPrice: whole minor units, > 0, strictly decreasing, the first within the list price.
    if (!Number.isSafeInteger(unitPrice)) {
      errors.push({
        path: at('unitPrice'),
        message: 'Price must be a whole number of the smallest unit (e.g. cents)',
      });
    } else if (unitPrice <= 0) {
      errors.push({ path: at('unitPrice'), message: 'Price must be more than zero' });
    } else if (prevPriceOk && unitPrice >= prev.unitPrice) {
      errors.push({
        path: at('unitPrice'),
        message: `Price must be lower than the bracket above (${money(prev.unitPrice, currency)})`,
      });
    } else if (prev === undefined && listPrice !== undefined && unitPrice > listPrice) {
      errors.push({
        path: at('unitPrice'),
        message: `Price must not be more than the list price (${money(listPrice, currency)})`,
      });
    }
  });

  return errors.length > 0 ? { ok: false, errors } : { ok: true, tiers };
}

/** Shape of one bracket: positive whole numbers (the cross-bracket rules are in validateTiers). */
export const tierSchema = z.object({
  minMembers: z.int({ error: 'Number of people must be a whole number' }).min(1, 'Must be at least 1 person'),
  unitPrice: z
    .int({ error: 'Price must be a whole number of the smallest unit (e.g. cents)' })
    .positive('Price must be more than zero'),
});

/** Shape of a deal's brackets: a non-empty list of tierSchema. */
export const tiersSchema = z.array(tierSchema).min(1, 'Needs at least one price bracket');

/**
 * Pushes validateTiers' errors into a zod refinement context. `at` is where the tiers array sits
 * relative to the refined value: ['tiers'] (default) inside a deal object, [] when refining the array.
 */
export function addTierIssues(
  ctx: z.RefinementCtx,
  tiers: Tier[],
  opts: TierRules & { at?: (string | number)[] },
): void {
  const result = validateTiers(tiers, opts);
  if (result.ok) return;
  const at = opts.at ?? ['tiers'];
  for (const error of result.errors) {
    const [head, ...rest] = error.path;
    // Tier paths start with 'tiers'; anything else (maxMembers) is a sibling field, kept as is.
    const path = head === 'tiers' ? [...at, ...rest] : error.path;
    ctx.addIssue({ code: 'custom', message: error.message, path });
  }
}

/** tiersSchema plus every cross-bracket rule, for a form that edits brackets against known limits. */
export function tiersSchemaFor(opts: TierRules) {
  return tiersSchema.superRefine((tiers, ctx) => addTierIssues(ctx, tiers, { ...opts, at: [] }));
}
