// The rules for a deal's fields, shared by create and update and by the merchant's deal editor, so a
// merchant reads the same words in the browser as from the server. Pure: no environment, no node modules
// (zod, the pricing engine and server/text.ts only), so a client component may import it. What the
// environment decides (the shortest window) comes in as DealRules; the server's binding is deal-schemas.ts.
// Edit when a deal gains a setting or a limit changes.
import { z } from 'zod';
import type { DealTranslations } from '@/db/schema/deals';
import { LOCALES, type Locale } from '@/i18n/locales';
import { CURRENCY_CODES, isCurrency, tiersSchema, validateTiers } from '@/server/pricing';
import {
  controlCharacterMessage,
  hasForbiddenCharacters,
  multiLineText,
  singleLineText,
} from '@/server/text';

/** Card holds last 7 days; a window of at most 6 leaves a day for clock and queue delays (DESIGN rule 8). */
export const MAX_WINDOW_SECONDS = 6 * 24 * 60 * 60;
/** Shortest window a merchant may choose; FLOCK_MIN_WINDOW_SECONDS lowers it for end-to-end tests. */
export const DEFAULT_MIN_WINDOW_SECONDS = 60;

/** What the deal rules take from where they run. */
export type DealRules = {
  /** The shortest window allowed, in seconds; asked at each check (the server reads its environment). */
  minWindowSeconds: () => number;
};

// A file we stored ourselves (/uploads/<name>), one of the app's bundled demo images (/demo/<name>), or an
// https address; nothing that could climb out of those folders or run script (javascript:, data:).
const UPLOAD_PATH = /^\/(?:uploads|demo)\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** An image reference: a relative /uploads/... path or an https URL. */
export const imageUrlSchema = z
  .string()
  .trim()
  .max(2048, 'Image address is too long')
  .refine((v) => !hasForbiddenCharacters(v), controlCharacterMessage('Image address'))
  .refine((v) => {
    if (v.startsWith('/')) return UPLOAD_PATH.test(v) && !v.split('/').includes('..');
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Image must be an uploaded file or an https:// address');

const wholeNumber = (what: string) => z.int({ error: `${what} must be a whole number` });

/** A supported currency code; unknown ones are refused with the code in the message. */
export const currencySchema = z.string().refine(isCurrency, {
  error: (issue) =>
    `We do not support the currency "${String(issue.input)}" (use one of ${CURRENCY_CODES.slice(0, 4).join(', ')}, ...)`,
});

const titleText = singleLineText('Title').max(120, 'Title must be at most 120 characters');
const descriptionText = multiLineText('Description').max(4000, 'Description must be at most 4000 characters');

/** The deal's title and description in one more language: optional, but a description needs a title. */
const translationSchema = z
  .object({ title: titleText, description: descriptionText.default('') })
  .superRefine((v, ctx) => {
    if (!v.title && v.description)
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'Give a title in this language too, or clear its description',
      });
  });

/** Translations by language; a language left blank (no title, no description) is no translation. */
const translationsSchema = z
  .partialRecord(z.enum(LOCALES), translationSchema, {
    error: 'Translations can only be in English, Simplified Chinese or Japanese',
  })
  .transform((all): DealTranslations =>
    Object.fromEntries(Object.entries(all).filter(([, t]) => t && (t.title || t.description))),
  );

// Each field on its own; cross-field rules are in dealIssues. No defaults here, so a partial update
// never fills an omitted field with a default.
const fields = {
  title: titleText.min(1, 'Give the deal a title'),
  description: descriptionText,
  contentLocale: z.enum(LOCALES, 'Choose the language the title and description are written in'),
  translations: translationsSchema,
  imageUrl: imageUrlSchema.nullable(),
  currency: currencySchema,
  listPrice: wholeNumber('List price').positive('List price must be more than zero'),
  tiers: tiersSchema,
  windowSeconds: wholeNumber('Window')
    .positive('Window must be longer than zero')
    .max(MAX_WINDOW_SECONDS, 'Window can be at most 6 days (card holds expire after 7)'),
  maxMembers: wholeNumber('Group size')
    .min(2, 'A group needs room for at least 2 people')
    .max(5000, 'A group can hold at most 5000 people'),
  qrCutoff: wholeNumber('Open-link limit').min(1, 'Open-link limit must be at least 1'),
  perBuyerMax: wholeNumber('Per-buyer limit')
    .min(1, 'Each buyer must be allowed at least 1')
    .max(100, 'Per-buyer limit can be at most 100'),
  stock: wholeNumber('Stock').positive('Stock must be at least 1 (leave it empty for unlimited)').nullable(),
};

/** The deal's terms as stored: every field present. */
export type DealValues = {
  title: string;
  description: string;
  /** The language of title and description: what a reader gets when there is no translation for theirs. */
  contentLocale: Locale;
  translations: DealTranslations;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  tiers: { minMembers: number; unitPrice: number }[];
  windowSeconds: number;
  maxMembers: number;
  qrCutoff: number;
  perBuyerMax: number;
  stock: number | null;
};

/** A problem found by the rules across fields, keyed like a field ('windowSeconds', 'tiers.1.unitPrice'). */
export type DealIssue = { path: (string | number)[]; message: string };

/**
 * Rules across fields: window floor, cutoff within the group size, tiers within the list price and group
 * size. Safe on values whose fields are themselves invalid (NaN compares false), so a form can show these
 * beside its field errors; the schemas apply them only once every field is valid.
 */
export function dealIssues(v: DealValues, rules: DealRules): DealIssue[] {
  const issues: DealIssue[] = [];
  const min = rules.minWindowSeconds();
  if (v.windowSeconds < min) {
    issues.push({ path: ['windowSeconds'], message: `Window must be at least ${min} seconds` });
  }
  if (v.qrCutoff > v.maxMembers) {
    issues.push({
      path: ['qrCutoff'],
      message: `Open-link limit cannot be more than the group size (${v.maxMembers})`,
    });
  }
  const own = v.translations[v.contentLocale];
  if (own && (own.title || own.description)) {
    issues.push({
      path: ['translations', v.contentLocale, 'title'],
      message: 'This is the deal’s main language: write its title and description in the main fields',
    });
  }
  const tiers = validateTiers(v.tiers, {
    maxMembers: v.maxMembers,
    listPrice: v.listPrice,
    currency: v.currency,
  });
  if (!tiers.ok) issues.push(...tiers.errors);
  return issues;
}

/** Everything needed to create a deal, with the optional settings' documented defaults. */
function inputSchema(check: (v: DealValues, ctx: z.RefinementCtx) => void) {
  return z
    .object({
      ...fields,
      description: fields.description.default(''),
      contentLocale: fields.contentLocale.default('en'),
      translations: fields.translations.default({}),
      imageUrl: fields.imageUrl.optional().transform((v) => v ?? null),
      maxMembers: fields.maxMembers.default(500),
      qrCutoff: fields.qrCutoff.default(100),
      perBuyerMax: fields.perBuyerMax.default(1),
      stock: fields.stock.optional().transform((v) => v ?? null),
    })
    .superRefine(check);
}

/**
 * The deal schemas under `rules`: `dealInputSchema` (create; optional settings take their defaults) and
 * `dealValuesSchema` (a complete set of values, such as a patch merged over the stored deal).
 */
export function dealSchemas(rules: DealRules) {
  const check = (v: DealValues, ctx: z.RefinementCtx): void => {
    for (const issue of dealIssues(v, rules)) ctx.addIssue({ code: 'custom', ...issue });
  };
  return { dealInputSchema: inputSchema(check), dealValuesSchema: z.object(fields).superRefine(check) };
}

export type DealInput = z.input<ReturnType<typeof inputSchema>>;

/** A change to a deal: any subset of its fields (null clears the image or the stock limit). */
export const dealPatchSchema = z.object(fields).partial();

export type DealPatch = z.infer<typeof dealPatchSchema>;

/** Every field of a deal's terms, in the order the editor shows them. */
export const DEAL_FIELDS = [
  'title',
  'description',
  'contentLocale',
  'translations',
  'imageUrl',
  'currency',
  'listPrice',
  'tiers',
  'windowSeconds',
  'maxMembers',
  'qrCutoff',
  'perBuyerMax',
  'stock',
] as const satisfies readonly (keyof DealValues)[];

// How the deal is presented, and its stock, may change while a group is open; nothing else may.
const PRESENTATION_FIELDS: readonly string[] = [
  'title',
  'description',
  'contentLocale',
  'translations',
  'imageUrl',
  'stock',
];

/** Fields whose change would alter the terms of a group already open, so they are locked while one is. */
export const TERMS_FIELDS = DEAL_FIELDS.filter((f) => !PRESENTATION_FIELDS.includes(f));
