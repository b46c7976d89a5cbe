// What Stripe still needs from a shop, as catalog keys a person understands (merchant.getPaid.needs.*):
// Stripe names each missing field by an id ('individual.dob.day', 'external_account'); several ids are
// one thing to do (a date of birth is three), and an id we do not know reads as "more details".
// Edit when Stripe asks for something common that we do not yet name.

export type NeedKey =
  | 'bankAccount'
  | 'birthDate'
  | 'name'
  | 'address'
  | 'email'
  | 'phone'
  | 'idNumber'
  | 'idDocument'
  | 'website'
  | 'industry'
  | 'businessDetails'
  | 'businessType'
  | 'companyDetails'
  | 'representative'
  | 'terms'
  | 'moreDetails';

// Most specific first: the first rule whose prefix matches names the id.
const RULES: readonly [prefix: string, key: NeedKey][] = [
  ['external_account', 'bankAccount'],
  ['individual.dob.', 'birthDate'],
  ['individual.first_name', 'name'],
  ['individual.last_name', 'name'],
  ['individual.address.', 'address'],
  ['individual.email', 'email'],
  ['individual.phone', 'phone'],
  ['individual.id_number', 'idNumber'],
  ['individual.ssn_last_4', 'idNumber'],
  ['individual.verification.', 'idDocument'],
  ['business_profile.url', 'website'],
  ['business_profile.product_description', 'website'],
  ['business_profile.mcc', 'industry'],
  ['business_profile.', 'businessDetails'],
  ['business_type', 'businessType'],
  ['company.', 'companyDetails'],
  ['representative.', 'representative'],
  ['owners.', 'representative'],
  ['directors.', 'representative'],
  ['tos_acceptance.', 'terms'],
];

/** The things to do for Stripe's requirement ids, each once, in the order first asked. */
export function needsOf(requirementIds: readonly string[]): NeedKey[] {
  const out: NeedKey[] = [];
  for (const id of requirementIds) {
    const key = RULES.find(([prefix]) => id === prefix || id.startsWith(prefix))?.[1] ?? 'moreDetails';
    if (!out.includes(key)) out.push(key);
  }
  return out;
}
