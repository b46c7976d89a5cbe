// The rules for a deal's fields, shared by create and update and by the merchant's deal editor, so a
// merchant reads the same words in the browser as from the server. Pure: no environment, no node modules
// (zod, the pricing engine and server/text.ts only), so a client component may import it. What the
// environment decides (the shortest window) comes in as DealRules; the server's binding is deal-schemas.ts.
// The fulfilment options' own rules are in fulfilment-input.ts.
// Edit when a deal gains a setting or a limit changes.
import { z } from 'zod';
import type { DealTranslations, OpenerReward } from '@/db/schema/deals';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import { LOCALES, type Locale } from '@/i18n/locales';
import { CURRENCY_CODES, isCurrency, tiersSchema, validateTiers, WINDOW_MAX_SECONDS } from '@/server/pricing';
import { msg, refusalIssue, type ErrorKey, type ErrorValues } from '@/server/errors';
import { controlCharacterIssue, hasForbiddenCharacters, multiLineText, singleLineText } from '@/server/text';
import { fulfilmentSchema, NO_FULFILMENT } from './fulfilment-input';

/** Up to 6 days a card hold covers the window; up to 30 the card is saved and charged at close (DESIGN rule 8). */
export const MAX_WINDOW_SECONDS = WINDOW_MAX_SECONDS;
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
  .max(2048, msg('deal.imageTooLong'))
  .refine((v) => !hasForbiddenCharacters(v), controlCharacterIssue('fieldName.imageUrl'))
  .refine((v) => {
    if (v.startsWith('/')) return UPLOAD_PATH.test(v) && !v.split('/').includes('..');
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, msg('deal.imageKind'));

const wholeNumber = (key: ErrorKey) => z.int({ error: key });

/** A supported currency code; unknown ones are refused with the code in the message. */
export const currencySchema = z.string().superRefine((v, ctx) => {
  if (isCurrency(v)) return;
  ctx.addIssue({
    code: 'custom',
    input: v,
    ...refusalIssue('deal.currencyUnknown', {
      currency: v,
      examples: CURRENCY_CODES.slice(0, 4).join(', '),
    }),
  });
});

const titleText = singleLineText('fieldName.title').max(120, msg('deal.titleTooLong'));
const descriptionText = multiLineText('fieldName.description').max(4000, msg('deal.descriptionTooLong'));
/** The largest commission a deal may pay helper-sellers: 30% of a buyer's charge, in basis points. */
export const MAX_COMMISSION_BPS = 3000;
/** The longest welcome message, in characters (it is posted in the room as one message). */
export const MAX_WELCOME_MESSAGE = 1000;

/** The deal's title and description in one more language: optional, but a description needs a title. */
const translationSchema = z
  .object({ title: titleText, description: descriptionText.default('') })
  .superRefine((v, ctx) => {
    if (!v.title && v.description)
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: msg('deal.translationTitleRequired'),
      });
  });

/** Translations by language; a language left blank (no title, no description) is no translation. */
const translationsSchema = z
  .partialRecord(z.enum(LOCALES), translationSchema, {
    error: msg('deal.translationLocales'),
  })
  .transform((all): DealTranslations =>
    Object.fromEntries(Object.entries(all).filter(([, t]) => t && (t.title || t.description))),
  );

// Each field on its own; cross-field rules are in dealIssues. No defaults here, so a partial update
// never fills an omitted field with a default.
const fields = {
  title: titleText.min(1, msg('deal.titleRequired')),
  description: descriptionText,
  contentLocale: z.enum(LOCALES, msg('deal.contentLocale')),
  translations: translationsSchema,
  imageUrl: imageUrlSchema.nullable(),
  currency: currencySchema,
  listPrice: wholeNumber('deal.listPriceWhole').positive(msg('deal.listPricePositive')),
  tiers: tiersSchema,
  windowSeconds: wholeNumber('deal.windowWhole')
    .positive(msg('deal.windowPositive'))
    .max(MAX_WINDOW_SECONDS, msg('deal.windowTooLong')),
  maxMembers: wholeNumber('deal.maxMembersWhole')
    .min(2, msg('deal.maxMembersTooSmall'))
    .max(5000, msg('deal.maxMembersTooBig')),
  qrCutoff: wholeNumber('deal.qrCutoffWhole').min(1, msg('deal.qrCutoffTooSmall')),
  perBuyerMax: wholeNumber('deal.perBuyerWhole')
    .min(1, msg('deal.perBuyerTooSmall'))
    .max(100, msg('deal.perBuyerTooBig')),
  stock: wholeNumber('deal.stockWhole').positive(msg('deal.stockPositive')).nullable(),
  fulfilment: fulfilmentSchema,
  welcomeMessage: multiLineText('fieldName.welcomeMessage').max(
    MAX_WELCOME_MESSAGE,
    msg('deal.welcomeMessageTooLong'),
  ),
  openerReward: z
    .object({
      minMembers: wholeNumber('deal.rewardMembersWhole').min(2, msg('deal.rewardMembersTooSmall')),
      percent: wholeNumber('deal.rewardPercentWhole')
        .min(1, msg('deal.rewardPercentRange'))
        .max(100, msg('deal.rewardPercentRange')),
      cap: wholeNumber('deal.rewardCapWhole').positive(msg('deal.rewardCapPositive')).nullable(),
    })
    .nullable(),
  commissionBps: wholeNumber('deal.commissionWhole')
    .min(0, msg('deal.commissionRange'))
    .max(MAX_COMMISSION_BPS, msg('deal.commissionRange')),
  commissionHoldDays: wholeNumber('deal.commissionDaysWhole')
    .min(0, msg('deal.commissionDaysRange'))
    .max(90, msg('deal.commissionDaysRange')),
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
  /** How the goods reach buyers; a draft may have none yet, publishing needs one (fulfilment-input.ts). */
  fulfilment: FulfilmentOptions;
  /** Posted in the group's room when members join ('' = none); {aliases} becomes the newcomers' aliases. */
  welcomeMessage: string;
  /** What the opener earns when the group wins with enough members (null: nothing). Frozen on each group at open. */
  openerReward: OpenerReward | null;
  /** Commission to helper-sellers on buyers their invite link brought, basis points of the charge. */
  commissionBps: number;
  /** Days after capture before a commission is paid (the merchant's refund window). */
  commissionHoldDays: number;
};

/**
 * A problem found by the rules across fields, keyed like a field ('windowSeconds', 'tiers.1.unitPrice'):
 * an errors-catalog key and its ICU arguments (render with renderRefusal from server/errors.ts).
 */
export type DealIssue = { path: (string | number)[]; message: ErrorKey; values?: ErrorValues };

/**
 * Rules across fields: window floor, cutoff within the group size, tiers within the list price and group
 * size. Safe on values whose fields are themselves invalid (NaN compares false), so a form can show these
 * beside its field errors; the schemas apply them only once every field is valid.
 */
export function dealIssues(v: DealValues, rules: DealRules): DealIssue[] {
  const issues: DealIssue[] = [];
  const min = rules.minWindowSeconds();
  if (v.windowSeconds < min) {
    issues.push({ path: ['windowSeconds'], message: 'deal.windowTooShort', values: { min } });
  }
  if (v.qrCutoff > v.maxMembers) {
    issues.push({ path: ['qrCutoff'], message: 'deal.qrCutoffAboveSize', values: { max: v.maxMembers } });
  }
  const own = v.translations[v.contentLocale];
  if (own && (own.title || own.description)) {
    issues.push({
      path: ['translations', v.contentLocale, 'title'],
      message: 'deal.mainLanguageTranslation',
    });
  }
  const tiers = validateTiers(v.tiers, {
    maxMembers: v.maxMembers,
    listPrice: v.listPrice,
    currency: v.currency,
  });
  if (!tiers.ok) issues.push(...tiers.errors);
  if (v.openerReward && v.openerReward.minMembers > v.maxMembers) {
    issues.push({
      path: ['openerReward', 'minMembers'],
      message: 'deal.rewardMembersAboveSize',
      values: { max: v.maxMembers },
    });
  }
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
      fulfilment: fields.fulfilment.optional().transform((v) => v ?? NO_FULFILMENT),
      welcomeMessage: fields.welcomeMessage.default(''),
      openerReward: fields.openerReward.optional().transform((v) => v ?? null),
      commissionBps: fields.commissionBps.default(0),
      commissionHoldDays: fields.commissionHoldDays.default(14),
    })
    .superRefine(check);
}

/**
 * The deal schemas under `rules`: `dealInputSchema` (create; optional settings take their defaults) and
 * `dealValuesSchema` (a complete set of values, such as a patch merged over the stored deal).
 */
export function dealSchemas(rules: DealRules) {
  const check = (v: DealValues, ctx: z.RefinementCtx): void => {
    for (const { path, message, values } of dealIssues(v, rules))
      ctx.addIssue({ code: 'custom', path, ...refusalIssue(message, values ?? {}) });
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
  'fulfilment',
  'welcomeMessage',
  'openerReward',
  'commissionBps',
  'commissionHoldDays',
] as const satisfies readonly (keyof DealValues)[];

// How the deal is presented, and its stock, may change while a group is open; so may the rewards, which
// each group freezes when it opens (groups.opener_reward, commission_bps, commission_hold_days).
const PRESENTATION_FIELDS: readonly string[] = [
  'title',
  'description',
  'contentLocale',
  'translations',
  'imageUrl',
  'stock',
  'welcomeMessage',
  'openerReward',
  'commissionBps',
  'commissionHoldDays',
];

// The fulfilment options may change while a group is open, within their own rules (fulfilmentChangeIssues).
const OWN_RULES_FIELDS: readonly string[] = ['fulfilment'];

/** Fields whose change would alter the terms of a group already open, so they are locked while one is. */
export const TERMS_FIELDS = DEAL_FIELDS.filter(
  (f) => !PRESENTATION_FIELDS.includes(f) && !OWN_RULES_FIELDS.includes(f),
);

/** Fields the editor may send while the terms are locked: the presentation and the fulfilment options. */
export const UNLOCKED_FIELDS = DEAL_FIELDS.filter((f) => !(TERMS_FIELDS as readonly string[]).includes(f));
