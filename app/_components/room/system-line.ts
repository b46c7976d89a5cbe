// A system line (room_messages kind 'system': { key, values }) in the reader's language, from the `rooms`
// catalog's `system.*` words: joins coalesced into one line, a bracket unlocked, closing soon, won, failed,
// a group opened from a community. Pure: takes the translator, so tests render all three languages.
// Edit when a system line gains a key (and add its words to every locale's rooms.json).
import { formatMoney } from '@/server/pricing/currency';

export const SYSTEM_KEYS = [
  'joined',
  'bracketUnlocked',
  'closingSoon',
  'won',
  'failed',
  'groupOpened',
] as const;
export type SystemKey = (typeof SYSTEM_KEYS)[number];

/** The `rooms.system` translator (next-intl's useTranslations('rooms.system') or translator(locale, 'rooms.system')). */
export type SystemWords = {
  t: (key: SystemKey | 'unknown', values?: Record<string, string | number>) => string;
  locale: string;
};

type Values = Readonly<Record<string, string | number>>;

function text(v: Values, name: string): string {
  const x = v[name];
  return typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '';
}

function num(v: Values, name: string): number {
  const x = v[name];
  const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN;
  return Number.isFinite(n) ? n : 0;
}

function isSystemKey(key: string): key is SystemKey {
  return (SYSTEM_KEYS as readonly string[]).includes(key);
}

/** The separator a language puts between names in a list ("Ben, Chen" / "Ben、Chen"). */
export function listSeparator(locale: string): string {
  const parts = new Intl.ListFormat(locale, { type: 'conjunction' }).formatToParts(['a', 'b', 'c']);
  return parts[1]?.type === 'literal' ? parts[1].value : ', ';
}

/**
 * The names of a coalesced join line: `names` arrives comma-joined (at most 3 aliases); alone they read as a
 * list ("Ben and Chen"), before "and 2 others" as a plain enumeration ("Ben, Chen and 2 others").
 */
export function joinedNames(names: string, others: number, locale: string): string {
  const list = names
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (others > 0) return list.join(listSeparator(locale));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(list);
}

/** The sentence of system line `key` with `values`, in the words' language ("unknown" for a key it lacks). */
export function systemLine(w: SystemWords, key: string, values: Values): string {
  if (!isSystemKey(key)) return w.t('unknown');
  const money = () => formatMoney(num(values, 'price'), text(values, 'currency'), w.locale);
  switch (key) {
    case 'joined': {
      const others = Math.max(0, Math.trunc(num(values, 'others')));
      return w.t('joined', { names: joinedNames(text(values, 'names'), others, w.locale), others });
    }
    case 'bracketUnlocked':
      return w.t('bracketUnlocked', { price: money() });
    case 'won':
      return w.t('won', { price: money() });
    case 'closingSoon':
      return w.t('closingSoon', { hours: Math.max(1, Math.round(num(values, 'hours'))) });
    case 'failed':
      return w.t('failed');
    case 'groupOpened':
      return w.t('groupOpened', { title: text(values, 'title') });
  }
}

/** The group a system line links to (a group opened from a community), or null. */
export function systemLineGroupCode(key: string, values: Values): string | null {
  if (key !== 'groupOpened') return null;
  const code = text(values, 'code');
  return /^[A-Za-z0-9]{4,32}$/.test(code) ? code : null;
}
