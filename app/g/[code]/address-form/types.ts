// What the address form route answers and the join form renders (types only, safe in the browser).
// Edit when the layout carries another fact.
import type { ShippingAddress } from '@/db/schema/fulfilment-options';

/** A catalog key under fulfilment.address.label: what a field is called in the country it is for. */
export type AddressLabel =
  | 'recipient'
  | 'company'
  | 'street'
  | 'city'
  | 'district'
  | 'postTown'
  | 'suburb'
  | 'neighborhood'
  | 'villageTownship'
  | 'townland'
  | 'area'
  | 'county'
  | 'department'
  | 'doSi'
  | 'emirate'
  | 'island'
  | 'oblast'
  | 'parish'
  | 'prefecture'
  | 'province'
  | 'state'
  | 'postalCode'
  | 'zip'
  | 'eircode'
  | 'pin'
  | 'sortingCode';

export type AddressField = {
  name: Exclude<keyof ShippingAddress, 'countryCode'>;
  label: AddressLabel;
  required: boolean;
  /** Areas to choose from (prefectures, provinces, states), or null for a typed field. */
  choices: { value: string; label: string }[] | null;
  /** A postal code the country's post uses, shown as an example. */
  example: string | null;
};

export type AddressLayout = { countryCode: string; fields: AddressField[] };

export type CountryChoice = { code: string; name: string };

/** The route's answer: the countries the deal ships to and the form for one of them. */
export type AddressFormAnswer = { countries: CountryChoice[]; layout: AddressLayout | null };
