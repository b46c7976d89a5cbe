'use client';
// Stripe's Address Element for a delivery address when the shop runs with a real Stripe key (demo mode uses
// Flock's own form, fulfilment-fields.tsx). Loaded only then, like the card form. Whatever Stripe collects,
// the server checks it by Google's rules for its country, as it does the own form's.
import { AddressElement, Elements } from '@stripe/react-stripe-js';
import { useLocale } from 'next-intl';
import { fromStripeAddress, type StripeAddressValue } from './stripe-address-map';
import { STRIPE_LOCALE, stripeFor } from './stripe-hold';

export default function StripeAddress(props: {
  publishableKey: string;
  countries: string[];
  onChange: (next: ReturnType<typeof fromStripeAddress>) => void;
}) {
  const locale = STRIPE_LOCALE[useLocale()];
  return (
    <Elements
      stripe={stripeFor(props.publishableKey)}
      options={{ locale, appearance: { theme: 'stripe', variables: { colorPrimary: '#c2410c' } } }}
    >
      <AddressElement
        options={{ mode: 'shipping', allowedCountries: props.countries }}
        onChange={(e) => props.onChange(fromStripeAddress(e.value as StripeAddressValue))}
      />
    </Elements>
  );
}
