// Display helpers for the console, in the merchant's language: money via the pricing engine's formatMoney
// (never floats) and dates with Intl in the merchant's locale; every word from messages/*/merchant.json.
// Client components get them from useConsoleWords(); server components from consoleWords(t, locale).
import type { useTranslations } from 'next-intl';
import { formatMoney, isCurrency } from '@/server/pricing';

/** The translator of the `merchant` catalog (from useTranslations or getTranslations). */
export type MerchantT = ReturnType<typeof useTranslations<'merchant'>>;

/** Money for people in `locale`, or an em dash when absent. */
export function money(minor: number | null | undefined, currency: string, locale: string): string {
  if (minor === null || minor === undefined) return '—';
  return isCurrency(currency) ? formatMoney(minor, currency, locale) : `${minor} ${currency}`;
}

/** A short date and time in `locale` (the browser's time zone). */
export function when(d: Date | string | null | undefined, locale: string): string {
  if (!d) return '—';
  return new Date(d).toLocaleString(locale, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** Every console word that depends on data: money, dates, people, status labels and group names. */
export function consoleWords(t: MerchantT, locale: string) {
  const w = {
    t,
    locale,
    money: (minor: number | null | undefined, currency: string) => money(minor, currency, locale),
    when: (d: Date | string | null | undefined) => when(d, locale),
    /** "1 person" / "5 people". */
    people: (count: number) => t('words.people', { count }),
    dealStatus: (status: string) => t('words.dealStatus', { status }),
    groupStatus: (status: string) => t('words.groupStatus', { status }),
    memberStatus: (status: string) => t('words.memberStatus', { status }),
    /** A saved card's member (long windows): "Card saved" / "Card removed" where a hold's would say hold. */
    savedCardStatus: (status: string) => t('words.savedCardStatus', { status }),
    /** How the console names a group: "Bea’s group" after its opener or first member, else when it opened. */
    groupName: (g: { leadAlias: string | null; openedAt: Date | string }) =>
      g.leadAlias
        ? t('words.groupOf', { alias: g.leadAlias })
        : t('words.groupOpened', { when: when(g.openedAt, locale) }),
    /** Items joined the way the language lists them ("a; b" / "a；b" / "a、b"). */
    list: (items: string[]) => items.join(t('words.listSeparator')),
  };
  return w;
}

export type ConsoleWords = ReturnType<typeof consoleWords>;
