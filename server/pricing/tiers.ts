// Price brackets of a deal and their validation (DESIGN rule 2). Deal forms and the deal service use the
// same rules through validateTiers / addTierIssues, so a merchant sees the same words everywhere. Messages
// are errors-catalog keys with their arguments, said in the reader's language (server/errors.ts).
import { z } from 'zod';
import { msg, refusalIssue, type ErrorKey, type ErrorValue, type ErrorValues } from '@/server/errors';
import { isCurrency } from './currency';

/** One price bracket: `unitPrice` (integer minor units) applies from `minMembers` confirmed members. */
export type Tier = { minMembers: number; unitPrice: number };

export type TierError = { path: (string | number)[]; message: ErrorKey; values?: ErrorValues };

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

/** A price for a message: written with Intl in the reader's locale; plain minor units without a currency. */
function money(minor: number, currency: string | undefined): ErrorValue {
  return currency !== undefined && isCurrency(currency) && Number.isSafeInteger(minor)
    ? { money: minor, currency }
    : String(minor);
}

/** Checks tiers against DESIGN rule 2 and returns them, or every problem with a per-field path. */
export function validateTiers(tiers: Tier[], opts: TierRules): TierValidation {
  const errors: TierError[] = [];
  const { maxMembers, listPrice, currency } = opts;
  const maxOk = isPositiveInt(maxMembers);
  if (!maxOk) errors.push({ path: ['maxMembers'], message: 'tier.groupSizeWhole' });

  if (tiers.length === 0) {
    errors.push({ path: ['tiers'], message: 'tier.noBrackets' });
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
      errors.push({ path: at('minMembers'), message: 'tier.peopleWhole' });
    } else if (prev === undefined && minMembers < 1) {
      errors.push({ path: at('minMembers'), message: 'tier.firstAtLeastOne' });
    } else if (prevMembersOk && minMembers <= prev.minMembers) {
      errors.push({
        path: at('minMembers'),
        message: 'tier.peopleNotIncreasing',
        values: { count: minMembers, previous: prev.minMembers },
      });
    } else if (maxOk && minMembers > maxMembers) {
      errors.push({
        path: at('minMembers'),
        message: 'tier.peopleAboveSize',
        values: { count: minMembers, max: maxMembers },
      });
    }

    // unitPrice: whole minor units, > 0, strictly decreasing, the first within the list price.
    if (!Number.isSafeInteger(unitPrice)) {
      errors.push({ path: at('unitPrice'), message: 'tier.priceWhole' });
    } else if (unitPrice <= 0) {
      errors.push({ path: at('unitPrice'), message: 'tier.pricePositive' });
    } else if (prevPriceOk && unitPrice >= prev.unitPrice) {
      errors.push({
        path: at('unitPrice'),
        message: 'tier.priceNotLower',
        values: { price: money(prev.unitPrice, currency) },
      });
    } else if (prev === undefined && listPrice !== undefined && unitPrice > listPrice) {
      errors.push({
        path: at('unitPrice'),
        message: 'tier.priceAboveList',
        values: { price: money(listPrice, currency) },
      });
    }
  });

  return errors.length > 0 ? { ok: false, errors } : { ok: true, tiers };
}

/** Shape of one bracket: positive whole numbers (the cross-bracket rules are in validateTiers). */
export const tierSchema = z.object({
  minMembers: z.int({ error: msg('tier.peopleWhole') }).min(1, msg('tier.peopleAtLeastOne')),
  unitPrice: z.int({ error: msg('tier.priceWhole') }).positive(msg('tier.pricePositive')),
});

/** Shape of a deal's brackets: a non-empty list of tierSchema. */
export const tiersSchema = z.array(tierSchema).min(1, msg('tier.noBrackets'));

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
    ctx.addIssue({ code: 'custom', path, ...refusalIssue(error.message, error.values ?? {}) });
  }
}

/** tiersSchema plus every cross-bracket rule, for a form that edits brackets against known limits. */
export function tiersSchemaFor(opts: TierRules) {
  return tiersSchema.superRefine((tiers, ctx) => addTierIssues(ctx, tiers, { ...opts, at: [] }));
}
