// The deal editor's form state and its conversion to the API's input, with the same checks the server
// makes (validateTiers for brackets), so mistakes show next to the field while typing. Pure; no React.
import { currencyExponent, isCurrency, parseMoney, validateTiers, type Tier } from '@/server/pricing';

export type WindowUnit = 'minutes' | 'hours' | 'days';
export type BracketRow = { key: string; people: string; price: string };

export type DealForm = {
  title: string;
  description: string;
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
};

export type DealApiInput = {
  title: string;
  description: string;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  tiers: Tier[];
  windowSeconds: number;
  maxMembers: number;
  qrCutoff: number;
  perBuyerMax: number;
  stock: number | null;
};

const UNIT_SECONDS: Record<WindowUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };
const MAX_WINDOW_SECONDS = 6 * 86_400;

let seq = 0;
/** A stable key for a new bracket row (React list identity survives reordering). */
export const newRowKey = () => `row-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** Minor units as the text a merchant would type ("8.00"). */
export function minorToInput(minor: number, currency: string): string {
  const exp = isCurrency(currency) ? currencyExponent(currency) : 2;
  if (exp === 0) return String(minor);
  const s = String(minor).padStart(exp + 1, '0');
  return `${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/** A blank deal in the merchant's default currency, with two starter brackets to fill in. */
export function emptyDealForm(currency: string): DealForm {
  return {
    title: '',
    description: '',
    imageUrl: null,
    currency,
    listPrice: '',
    brackets: [
      { key: newRowKey(), people: '', price: '' },
      { key: newRowKey(), people: '', price: '' },
    ],
    windowValue: '2',
    windowUnit: 'days',
    maxMembers: '50',
    qrCutoff: '50',
    perBuyerMax: '3',
    stock: '',
  };
}

/** The form for an existing deal. */
export function dealFormFromDeal(d: DealApiInput): DealForm {
  const unit: WindowUnit =
    d.windowSeconds % 86_400 === 0 ? 'days' : d.windowSeconds % 3600 === 0 ? 'hours' : 'minutes';
  return {
    title: d.title,
    description: d.description,
    imageUrl: d.imageUrl,
    currency: d.currency,
    listPrice: minorToInput(d.listPrice, d.currency),
    brackets: d.tiers.map((t) => ({
      key: newRowKey(),
      people: String(t.minMembers),
      price: minorToInput(t.unitPrice, d.currency),
    })),
    windowValue: String(Math.round((d.windowSeconds / UNIT_SECONDS[unit]) * 100) / 100),
    windowUnit: unit,
    maxMembers: String(d.maxMembers),
    qrCutoff: String(d.qrCutoff),
    perBuyerMax: String(d.perBuyerMax),
    stock: d.stock === null ? '' : String(d.stock),
  };
}

const WHOLE = /^\s*\d+\s*$/;
const int = (s: string): number | null => (WHOLE.test(s) ? Number(s.trim()) : null);

export type FormCheck = {
  /** The API input when every field is valid. */
  input: DealApiInput | null;
  /** Messages keyed like the server's fields ('tiers.1.unitPrice'). */
  errors: Record<string, string>;
  /** Brackets that parse, in the order given, for the preview chart (even while others are wrong). */
  previewTiers: Tier[];
  listPrice: number | null;
  maxMembers: number | null;
};

/** Checks the form with the server's rules and builds the API input. */
export function checkDealForm(f: DealForm): FormCheck {
  const errors: Record<string, string> = {};
  const currency = isCurrency(f.currency) ? f.currency : null;
  if (!currency) errors.currency = 'Choose a currency';
  if (!f.title.trim()) errors.title = 'Give the deal a title';
  else if (f.title.trim().length > 120) errors.title = 'Title must be at most 120 characters';
  if (f.description.length > 4000) errors.description = 'Description must be at most 4000 characters';

  const exp = currency ? currencyExponent(currency) : 2;
  const moneyHint = exp === 0 ? 'a whole amount like 800' : `an amount like ${exp === 3 ? '8.500' : '8.00'}`;
  const listPrice = currency ? parseMoney(f.listPrice, currency) : null;
  if (listPrice === null)
    errors.listPrice = f.listPrice.trim() ? `Enter ${moneyHint}` : 'Enter the normal price';
  else if (listPrice <= 0) errors.listPrice = 'List price must be more than zero';

  const maxMembers = int(f.maxMembers);
  if (maxMembers === null) errors.maxMembers = 'Group size must be a whole number';
  else if (maxMembers < 2) errors.maxMembers = 'A group needs room for at least 2 people';
  else if (maxMembers > 5000) errors.maxMembers = 'A group can hold at most 5000 people';

  const qrCutoff = int(f.qrCutoff);
  if (qrCutoff === null || qrCutoff < 1)
    errors.qrCutoff = 'Open-link limit must be a whole number of at least 1';
  else if (maxMembers !== null && qrCutoff > maxMembers)
    errors.qrCutoff = `Open-link limit cannot be more than the group size (${maxMembers})`;

  const perBuyerMax = int(f.perBuyerMax);
  if (perBuyerMax === null || perBuyerMax < 1) errors.perBuyerMax = 'Each buyer must be allowed at least 1';
  else if (perBuyerMax > 100) errors.perBuyerMax = 'Per-buyer limit can be at most 100';

  let stock: number | null = null;
  if (f.stock.trim()) {
    stock = int(f.stock);
    if (stock === null || stock < 1)
      errors.stock = 'Stock must be a whole number of at least 1 (leave it empty for unlimited)';
  }

  const windowNumber = /^\s*\d+(\.\d+)?\s*$/.test(f.windowValue) ? Number(f.windowValue) : null;
  const windowSeconds = windowNumber === null ? null : Math.round(windowNumber * UNIT_SECONDS[f.windowUnit]);
  if (windowSeconds === null || windowSeconds <= 0) errors.windowSeconds = 'Window must be longer than zero';
  else if (windowSeconds > MAX_WINDOW_SECONDS)
    errors.windowSeconds = 'Window can be at most 6 days (card holds expire after 7)';

  // Brackets: each field parsed on its own, then the engine's cross-bracket rules on the parsed ones.
  const tiers: Tier[] = [];
  const previewTiers: Tier[] = [];
  f.brackets.forEach((b, i) => {
    const people = int(b.people);
    const price = currency ? parseMoney(b.price, currency) : null;
    if (people === null)
      errors[`tiers.${i}.minMembers`] = b.people.trim()
        ? 'Number of people must be a whole number'
        : 'How many people?';
    if (price === null)
      errors[`tiers.${i}.unitPrice`] = b.price.trim() ? `Enter ${moneyHint}` : 'What does each person pay?';
    tiers.push({ minMembers: people ?? Number.NaN, unitPrice: price ?? Number.NaN });
    if (people !== null && price !== null && price > 0)
      previewTiers.push({ minMembers: people, unitPrice: price });
  });
  if (f.brackets.length === 0) errors.tiers = 'Needs at least one price bracket';
  else {
    const v = validateTiers(tiers, {
      maxMembers: maxMembers ?? Number.NaN,
      listPrice: listPrice ?? undefined,
      currency: currency ?? undefined,
    });
    if (!v.ok) {
      for (const e of v.errors) {
        const key = e.path.map(String).join('.');
        if (key === 'maxMembers') continue; // reported above in the form's own words
        errors[key] ??= e.message;
      }
    }
  }

  const ok =
    Object.keys(errors).length === 0 &&
    currency &&
    listPrice !== null &&
    maxMembers !== null &&
    qrCutoff !== null &&
    perBuyerMax !== null &&
    windowSeconds !== null;
  return {
    input: ok
      ? {
          title: f.title.trim(),
          description: f.description.trim(),
          imageUrl: f.imageUrl,
          currency,
          listPrice,
          tiers,
          windowSeconds,
          maxMembers,
          qrCutoff,
          perBuyerMax,
          stock,
        }
      : null,
    errors,
    previewTiers,
    listPrice,
    maxMembers,
  };
}
