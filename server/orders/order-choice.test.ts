import { describe, expect, it } from 'vitest';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import { sayIn } from '@/server/localize-error';
import { checkOrderChoice, orderChoiceSchema } from './order-choice';

const OPTIONS: FulfilmentOptions = {
  shipping: { countries: ['JP', 'US'], pricing: 'per_order', price: 800, dispatchDays: 2 },
  pickup: null,
  voucher: null,
};

describe('orderChoiceSchema', () => {
  it.each([
    ['+1 650 555 0100', true],
    ['03-1234-5678', true],
    ['(020) 7946 0958', true],
    ['', true],
    ['12345', false],
    ['call me', false],
    ['+1 650 555 0100 0100 0100', false],
  ])('phone %j accepted: %s', (phone, ok) => {
    expect(
      orderChoiceSchema.safeParse({ method: 'voucher', contactEmail: 'a@example.test', phone }).success,
    ).toBe(ok);
  });

  it('drops an empty phone and trims the e-mail', () => {
    expect(
      orderChoiceSchema.parse({ method: 'voucher', contactEmail: ' a@example.test ', phone: ' ' }),
    ).toEqual({
      method: 'voucher',
      contactEmail: 'a@example.test',
    });
  });
});

describe('checkOrderChoice', () => {
  it('normalizes a Japanese address by Google’s data and charges shipping once per order', async () => {
    const choice = orderChoiceSchema.parse({
      method: 'shipping',
      contactEmail: 'a@example.test',
      address: {
        countryCode: 'jp',
        name: '山田花子',
        streetAddress: '道玄坂1-2-3',
        countryArea: 'Tokyo',
        postalCode: '150-0043',
      },
    });
    const r = await checkOrderChoice(choice, OPTIONS, 3);
    expect(r).toMatchObject({
      ok: true,
      shippingAmount: 800,
      order: {
        method: 'shipping',
        address: { countryCode: 'JP', countryArea: '東京都', postalCode: '150-0043' },
      },
    });
  });

  it('says where the deal ships in the reader’s language', async () => {
    const choice = orderChoiceSchema.parse({
      method: 'shipping',
      contactEmail: 'a@example.test',
      address: {
        countryCode: 'DE',
        name: 'Eva',
        streetAddress: 'Hauptstr. 1',
        city: 'Berlin',
        postalCode: '10115',
      },
    });
    const r = await checkOrderChoice(choice, OPTIONS, 1);
    if (r.ok) throw new Error('expected a refusal');
    const say = (locale: 'en' | 'zh-CN' | 'ja') => sayIn(locale, r.refusal);
    expect(say('en')).toBe('This deal ships only to Japan and United States.');
    expect(say('zh-CN')).toBe('这个拼团只发货到日本和美国。');
    expect(say('ja')).toBe('この商品の配送先は日本、アメリカ合衆国のみです。');
  });

  it('refuses a method the deal does not offer', async () => {
    const r = await checkOrderChoice(
      orderChoiceSchema.parse({ method: 'voucher', contactEmail: 'a@example.test' }),
      OPTIONS,
      1,
    );
    expect(r).toMatchObject({ ok: false, refusal: { key: 'order.methodNotOffered' } });
  });
});
