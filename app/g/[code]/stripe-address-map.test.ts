import { describe, expect, it } from 'vitest';
import { fromStripeAddress } from './stripe-address-map';

describe('fromStripeAddress', () => {
  it('maps Stripe’s lines, state and postal code onto the fields the server checks per country', () => {
    expect(
      fromStripeAddress({
        name: ' Ann Lee ',
        address: {
          line1: '1 Main Street',
          line2: 'Apt 4',
          city: 'Springfield',
          state: 'IL',
          postal_code: '62701',
          country: 'us',
        },
      }),
    ).toEqual({
      countryCode: 'US',
      address: {
        name: 'Ann Lee',
        streetAddress: '1 Main Street\nApt 4',
        city: 'Springfield',
        countryArea: 'IL',
        postalCode: '62701',
      },
      phone: null,
    });
  });

  it('leaves out what the country does not use (no city in Japan’s form) and keeps a phone', () => {
    expect(
      fromStripeAddress({
        name: '山田 花子',
        phone: '+81 90 1234 5678',
        address: {
          line1: '渋谷区神宮前1-2-3',
          line2: null,
          city: '',
          state: '東京都',
          postal_code: '150-0001',
          country: 'JP',
        },
      }),
    ).toEqual({
      countryCode: 'JP',
      address: {
        name: '山田 花子',
        streetAddress: '渋谷区神宮前1-2-3',
        countryArea: '東京都',
        postalCode: '150-0001',
      },
      phone: '+81 90 1234 5678',
    });
  });
});
