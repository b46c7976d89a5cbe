// Stripe's Address Element speaks Stripe's address shape; the join speaks Google's (what the server checks
// per country). Pure, so a test pins the mapping. Edit when either shape gains a field.

/** What the Address Element reports (its change event's `value`). */
export type StripeAddressValue = {
  name: string;
  phone?: string;
  address: {
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    postal_code: string;
    country: string;
  };
};

/** The same address as the join form keeps it: the country apart, Google's field names for the rest. */
export function fromStripeAddress(v: StripeAddressValue): {
  countryCode: string;
  address: Record<string, string>;
  phone: string | null;
} {
  const a = v.address;
  const fields: Record<string, string> = {
    name: v.name.trim(),
    streetAddress: [a.line1, a.line2 ?? '']
      .map((l) => l.trim())
      .filter(Boolean)
      .join('\n'),
    city: a.city.trim(),
    countryArea: a.state.trim(),
    postalCode: a.postal_code.trim(),
  };
  return {
    countryCode: a.country.toUpperCase(),
    address: Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== '')),
    phone: v.phone?.trim() || null,
  };
}
