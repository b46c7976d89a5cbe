import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { englishErrors, issueRefusal, renderRefusal } from '@/server/errors';
import { errorWordsIn } from '@/server/localize-error';
import { addTierIssues, tierSchema, tiersSchema, tiersSchemaFor, validateTiers, type Tier } from './tiers';

/** A zod issue's message as an English reader sees it. */
const english = (issue: z.core.$ZodIssue) => renderRefusal(englishErrors, issueRefusal(issue));

const good: Tier[] = [
  { minMembers: 3, unitPrice: 1000 },
  { minMembers: 5, unitPrice: 800 },
  { minMembers: 10, unitPrice: 600 },
];
const rules = { maxMembers: 500, currency: 'USD' };

function errorsOf(tiers: Tier[], opts: Parameters<typeof validateTiers>[1] = rules) {
  const result = validateTiers(tiers, opts);
  if (result.ok) throw new Error('expected validation to fail');
  // What an English reader sees (the errors carry catalog keys and arguments).
  return result.errors.map(({ path, message, values }) => ({
    path,
    message: renderRefusal(englishErrors, { key: message, values }),
  }));
}

describe('validateTiers', () => {
  it('accepts valid tiers and returns them', () => {
    expect(validateTiers(good, rules)).toEqual({ ok: true, tiers: good });
    expect(validateTiers([{ minMembers: 1, unitPrice: 1 }], { maxMembers: 1 })).toEqual({
      ok: true,
      tiers: [{ minMembers: 1, unitPrice: 1 }],
    });
    // the last bracket may need exactly the group size, and the first may equal the list price
    expect(
      validateTiers(
        [
          { minMembers: 2, unitPrice: 500 },
          { minMembers: 500, unitPrice: 400 },
        ],
        { ...rules, listPrice: 500 },
      ).ok,
    ).toBe(true);
  });

  it.each<
    [string, Tier[], Parameters<typeof validateTiers>[1], { path: (string | number)[]; message: string }[]]
  >([
    ['no brackets', [], rules, [{ path: ['tiers'], message: 'Needs at least one price bracket' }]],
    [
      'first bracket below 1',
      [{ minMembers: 0, unitPrice: 1000 }],
      rules,
      [{ path: ['tiers', 0, 'minMembers'], message: 'First bracket must start at 1 person or more' }],
    ],
    [
      'minMembers equal to the bracket above',
      [
        { minMembers: 5, unitPrice: 1000 },
        { minMembers: 5, unitPrice: 800 },
      ],
      rules,
      [
        {
          path: ['tiers', 1, 'minMembers'],
          message: 'From 5 people must be more than the bracket above (5)',
        },
      ],
    ],
    [
      'minMembers below the bracket above',
      [
        { minMembers: 3, unitPrice: 1000 },
        { minMembers: 10, unitPrice: 800 },
        { minMembers: 1, unitPrice: 600 },
      ],
      rules,
      [
        {
          path: ['tiers', 2, 'minMembers'],
          message: 'From 1 person must be more than the bracket above (10)',
        },
      ],
    ],
    [
      'price equal to the bracket above',
      [
        { minMembers: 3, unitPrice: 800 },
        { minMembers: 5, unitPrice: 800 },
      ],
      rules,
      [{ path: ['tiers', 1, 'unitPrice'], message: 'Price must be lower than the bracket above ($8.00)' }],
    ],
    [
      'price above the bracket above, in yen',
      [
        { minMembers: 3, unitPrice: 780 },
        { minMembers: 5, unitPrice: 900 },
      ],
      { maxMembers: 500, currency: 'JPY' },
      [{ path: ['tiers', 1, 'unitPrice'], message: 'Price must be lower than the bracket above (¥780)' }],
    ],
    [
      'price message without a currency uses minor units',
      [
        { minMembers: 3, unitPrice: 800 },
        { minMembers: 5, unitPrice: 900 },
      ],
      { maxMembers: 500 },
      [{ path: ['tiers', 1, 'unitPrice'], message: 'Price must be lower than the bracket above (800)' }],
    ],
    [
      'zero price',
      [{ minMembers: 3, unitPrice: 0 }],
      rules,
      [{ path: ['tiers', 0, 'unitPrice'], message: 'Price must be more than zero' }],
    ],
    [
      'negative price',
      [
        { minMembers: 3, unitPrice: 1000 },
        { minMembers: 5, unitPrice: -1 },
      ],
      rules,
      [{ path: ['tiers', 1, 'unitPrice'], message: 'Price must be more than zero' }],
    ],
    [
      'bracket beyond the group size',
      [
        { minMembers: 3, unitPrice: 1000 },
        { minMembers: 600, unitPrice: 800 },
      ],
      rules,
      [
        {
          path: ['tiers', 1, 'minMembers'],
          message: 'This bracket needs 600 people but a group holds at most 500',
        },
      ],
    ],
    [
      'first bracket beyond the group size',
      [{ minMembers: 60, unitPrice: 1000 }],
      { maxMembers: 50 },
      [
        {
          path: ['tiers', 0, 'minMembers'],
          message: 'This bracket needs 60 people but a group holds at most 50',
        },
      ],
    ],
    [
      'first price above the list price',
      [
        { minMembers: 3, unitPrice: 1001 },
        { minMembers: 5, unitPrice: 800 },
      ],
      { ...rules, listPrice: 1000 },
      [{ path: ['tiers', 0, 'unitPrice'], message: 'Price must not be more than the list price ($10.00)' }],
    ],
    [
      'fractional people',
      [{ minMembers: 2.5, unitPrice: 1000 }],
      rules,
      [{ path: ['tiers', 0, 'minMembers'], message: 'Number of people must be a whole number' }],
    ],
    [
      'fractional price',
      [{ minMembers: 2, unitPrice: 9.99 }],
      rules,
      [
        {
          path: ['tiers', 0, 'unitPrice'],
          message: 'Price must be a whole number of the smallest unit (e.g. cents)',
        },
      ],
    ],
    [
      'NaN and Infinity',
      [{ minMembers: Number.NaN, unitPrice: Infinity }],
      rules,
      [
        { path: ['tiers', 0, 'minMembers'], message: 'Number of people must be a whole number' },
        {
          path: ['tiers', 0, 'unitPrice'],
          message: 'Price must be a whole number of the smallest unit (e.g. cents)',
        },
      ],
    ],
    [
      'a bad group size',
      [{ minMembers: 2, unitPrice: 1000 }],
      { maxMembers: 0 },
      [{ path: ['maxMembers'], message: 'Group size must be a whole number of at least 1' }],
    ],
  ])('%s', (_name, tiers, opts, expected) => {
    expect(errorsOf(tiers, opts)).toEqual(expected);
  });

  it('reports every problem at once, one per field', () => {
    expect(
      errorsOf([
        { minMembers: 0, unitPrice: 0 },
        { minMembers: 5, unitPrice: 800 },
        { minMembers: 4, unitPrice: 900 },
        { minMembers: 700, unitPrice: 100 },
      ]),
    ).toEqual([
      { path: ['tiers', 0, 'minMembers'], message: 'First bracket must start at 1 person or more' },
      { path: ['tiers', 0, 'unitPrice'], message: 'Price must be more than zero' },
      { path: ['tiers', 2, 'minMembers'], message: 'From 4 people must be more than the bracket above (5)' },
      { path: ['tiers', 2, 'unitPrice'], message: 'Price must be lower than the bracket above ($8.00)' },
      {
        path: ['tiers', 3, 'minMembers'],
        message: 'This bracket needs 700 people but a group holds at most 500',
      },
    ]);
  });

  it('says the rules in the reader’s language, prices in their own format', () => {
    const result = validateTiers(
      [
        { minMembers: 3, unitPrice: 780 },
        { minMembers: 3, unitPrice: 900 },
      ],
      { maxMembers: 500, currency: 'JPY' },
    );
    const said = (locale: 'zh-CN' | 'ja') =>
      result.ok
        ? []
        : result.errors.map((e) => renderRefusal(errorWordsIn(locale), { key: e.message, values: e.values }));
    expect(said('zh-CN')).toEqual(['人数（3 人）必须多于上一档（3 人）', '价格必须低于上一档（JP¥780）']);
    expect(said('ja')).toEqual([
      '3人からの価格帯は、上の価格帯（3人）より多くしてください',
      '価格は上の価格帯（￥780）より安くしてください',
    ]);
  });

  it('does not compare against a bracket that is itself malformed', () => {
    expect(
      errorsOf([
        { minMembers: 2.5, unitPrice: 1000 },
        { minMembers: 2, unitPrice: 800 },
      ]),
    ).toEqual([{ path: ['tiers', 0, 'minMembers'], message: 'Number of people must be a whole number' }]);
  });
});

describe('zod schemas', () => {
  it('tierSchema checks the shape of one bracket', () => {
    expect(tierSchema.parse({ minMembers: 2, unitPrice: 500 })).toEqual({ minMembers: 2, unitPrice: 500 });
    const bad = tierSchema.safeParse({ minMembers: 0, unitPrice: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path, english(i)])).toEqual([
      [['minMembers'], 'Must be at least 1 person'],
      [['unitPrice'], 'Price must be a whole number of the smallest unit (e.g. cents)'],
    ]);
    expect(tierSchema.safeParse({ minMembers: '2', unitPrice: 500 }).success).toBe(false);
  });

  it('tiersSchema needs at least one bracket', () => {
    const bad = tiersSchema.safeParse([]);
    expect(bad.error?.issues.map(english)).toEqual(['Needs at least one price bracket']);
  });

  it('addTierIssues puts the rules on the deal form fields', () => {
    const dealSchema = z
      .object({ currency: z.string(), listPrice: z.int(), maxMembers: z.int(), tiers: tiersSchema })
      .superRefine((deal, ctx) => addTierIssues(ctx, deal.tiers, deal));
    const ok = dealSchema.safeParse({ currency: 'USD', listPrice: 1200, maxMembers: 500, tiers: good });
    expect(ok.success).toBe(true);

    const bad = dealSchema.safeParse({
      currency: 'USD',
      listPrice: 900,
      maxMembers: 8,
      tiers: good,
    });
    expect(bad.error?.issues.map((i) => [i.path, english(i)])).toEqual([
      [['tiers', 0, 'unitPrice'], 'Price must not be more than the list price ($9.00)'],
      [['tiers', 2, 'minMembers'], 'This bracket needs 10 people but a group holds at most 8'],
    ]);
    expect(z.flattenError(bad.error ?? new z.ZodError([])).formErrors).toEqual([]);
  });

  it('tiersSchemaFor validates a tiers array on its own', () => {
    const schema = tiersSchemaFor({ maxMembers: 500, currency: 'EUR' });
    expect(schema.parse(good)).toEqual(good);
    const bad = schema.safeParse([
      { minMembers: 3, unitPrice: 1000 },
      { minMembers: 3, unitPrice: 1000 },
    ]);
    expect(bad.error?.issues.map((i) => [i.path, english(i)])).toEqual([
      [[1, 'minMembers'], 'From 3 people must be more than the bracket above (3)'],
      [[1, 'unitPrice'], 'Price must be lower than the bracket above (€10.00)'],
    ]);
  });
});
