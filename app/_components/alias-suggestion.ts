// Friendly alias suggestions for the join form ("Sunny Otter", "阳光水獭", "ひなたのラッコ"), so nobody has
// to invent a name to join. The words are the reader's catalog's (me.aliasSuggestion: lists split on "|").
import { DEFAULT_LOCALE, type Locale } from '@/i18n/locales';
import { translator } from '@/i18n/translator';

/** A two-word alias in `locale`; pass a seed for a stable pick, or none for a random one. */
export function suggestAlias(locale: Locale = DEFAULT_LOCALE, seed?: number): string {
  const t = translator(locale, 'me.aliasSuggestion');
  const adjectives = t('adjectives').split('|');
  const animals = t('animals').split('|');
  const n = seed ?? Math.floor(Math.random() * 1_000_000);
  const adjective = adjectives[n % adjectives.length] ?? adjectives[0] ?? '';
  const animal = animals[Math.floor(n / adjectives.length) % animals.length] ?? animals[0] ?? '';
  return t('name', { adjective, animal });
}
