import { describe, expect, it } from 'vitest';
import { translator } from '@/i18n/translator';
import { checkDealForm, dealFormFromDeal, emptyDealForm, type DealForm } from './deal-form-model';

const form = (patch: Partial<DealForm> = {}): DealForm => ({
  ...emptyDealForm('USD'),
  title: 'Sourdough box',
  listPrice: '10.00',
  brackets: [
    { key: 'a', people: '2', price: '8.00' },
    { key: 'b', people: '5', price: '5.50' },
  ],
  windowValue: '1',
  windowUnit: 'hours',
  maxMembers: '10',
  qrCutoff: '10',
  perBuyerMax: '2',
  ...patch,
});

describe('the deal form', () => {
  it('turns typed decimals into exact minor units for the API', () => {
    expect(checkDealForm(form()).input).toEqual({
      title: 'Sourdough box',
      description: '',
      contentLocale: 'en',
      translations: {},
      imageUrl: null,
      currency: 'USD',
      listPrice: 1000,
      tiers: [
        { minMembers: 2, unitPrice: 800 },
        { minMembers: 5, unitPrice: 550 },
      ],
      windowSeconds: 3600,
      maxMembers: 10,
      qrCutoff: 10,
      perBuyerMax: 2,
      stock: null,
      fulfilment: { shipping: null, pickup: null, voucher: null },
      welcomeMessage: '',
      openerReward: null,
      commissionBps: 0,
      commissionHoldDays: 14,
    });
  });

  it('puts the engine’s messages on the fields of brackets entered out of order', () => {
    const c = checkDealForm(
      form({
        brackets: [
          { key: 'a', people: '5', price: '6.00' },
          { key: 'b', people: '2', price: '8.00' },
        ],
      }),
    );
    expect(c.input).toBeNull();
    expect(c.errors).toEqual({
      'tiers.1.minMembers': 'From 2 people must be more than the bracket above (5)',
      'tiers.1.unitPrice': 'Price must be lower than the bracket above ($6.00)',
    });
    // The preview still draws what parses.
    expect(c.previewTiers).toHaveLength(2);
  });

  it('refuses prices it cannot read exactly, windows over 30 days, and a cutoff above the group size', () => {
    const c = checkDealForm(
      form({
        listPrice: '10,5',
        windowValue: '31',
        windowUnit: 'days',
        qrCutoff: '11',
        brackets: [{ key: 'a', people: '2', price: '8.001' }],
      }),
    );
    expect(c.errors).toMatchObject({
      listPrice: 'Enter an amount like 8.00',
      windowSeconds: 'Window can be at most 30 days',
      qrCutoff: 'Open-link limit cannot be more than the group size (10)',
      'tiers.0.unitPrice': 'Enter an amount like 8.00',
    });
  });

  it('keeps a bracket above the group size or the list price from being saved', () => {
    const c = checkDealForm(
      form({
        maxMembers: '4',
        qrCutoff: '4',
        brackets: [
          { key: 'a', people: '2', price: '12.00' },
          { key: 'b', people: '5', price: '5.00' },
        ],
      }),
    );
    expect(c.errors['tiers.0.unitPrice']).toBe('Price must not be more than the list price ($10.00)');
    expect(c.errors['tiers.1.minMembers']).toBe('This bracket needs 5 people but a group holds at most 4');
  });

  it('speaks the server’s words for its own rules, the window floor included', () => {
    const c = checkDealForm(
      form({ stock: '0', perBuyerMax: 'two', windowValue: '0.5', windowUnit: 'minutes', title: '  ' }),
    );
    expect(c.input).toBeNull();
    expect(c.errors).toEqual({
      title: 'Give the deal a title',
      stock: 'Stock must be at least 1 (leave it empty for unlimited)',
      perBuyerMax: 'Per-buyer limit must be a whole number',
      windowSeconds: 'Window must be at least 60 seconds',
    });
  });

  it('takes the window floor from the rules it is given, as the server takes it from its environment', () => {
    const short = form({ windowValue: '0.5', windowUnit: 'minutes' });
    expect(checkDealForm(short, { minWindowSeconds: () => 5 }).input?.windowSeconds).toBe(30);
  });

  it('round-trips a stored deal, in a currency without decimals too', () => {
    const stored = {
      title: 'Ramen kit',
      description: '',
      contentLocale: 'en' as const,
      translations: {},
      imageUrl: null,
      currency: 'JPY',
      listPrice: 1200,
      tiers: [{ minMembers: 3, unitPrice: 980 }],
      windowSeconds: 2 * 86_400,
      maxMembers: 20,
      qrCutoff: 20,
      perBuyerMax: 1,
      stock: 50,
      welcomeMessage: 'Welcome {aliases}!\nPickup is on Saturday.',
      openerReward: { minMembers: 6, percent: 100, cap: 1500 },
      commissionBps: 1205,
      commissionHoldDays: 7,
      fulfilment: {
        shipping: { countries: ['JP'], pricing: 'per_unit' as const, price: 350, dispatchDays: 2 },
        pickup: {
          points: [
            {
              id: 'tenjin01',
              name: 'Tenjin shop',
              address: '2-5-28 Tenjin, Fukuoka',
              hours: 'Daily 10:00–20:00',
              windowDays: 3,
              capacity: null,
            },
          ],
        },
        voucher: { validUntil: '2099-12-31', instructions: 'Show the code.' },
      },
    };
    const f = dealFormFromDeal(stored);
    expect(f).toMatchObject({ listPrice: '1200', windowValue: '2', windowUnit: 'days', stock: '50' });
    expect(f.rewards).toEqual({
      openerOn: true,
      openerMembers: '6',
      openerPercent: '100',
      openerCap: '1500',
      commissionPercent: '12.05',
      commissionHoldDays: '7',
    });
    expect(checkDealForm(f).input).toEqual(stored);
  });

  it('refuses a welcome message over 1,000 characters beside its field, keeping a shorter one as typed', () => {
    const long = checkDealForm(form({ welcomeMessage: 'w'.repeat(1001) }));
    expect(long.input).toBeNull();
    expect(long.errors.welcomeMessage).toBe('The welcome message must be at most 1000 characters');
    const ok = checkDealForm(form({ welcomeMessage: 'Welcome {aliases}!\r\nSee you Saturday.' }));
    expect(ok.input?.welcomeMessage).toBe('Welcome {aliases}!\nSee you Saturday.');
  });

  it('words its own messages in the merchant’s language', () => {
    const blank = form({ listPrice: '', brackets: [{ key: 'a', people: '', price: '8.0.0' }] });
    expect(checkDealForm(blank).errors).toMatchObject({
      listPrice: 'Enter the normal price',
      'tiers.0.minMembers': 'How many people?',
      'tiers.0.unitPrice': 'Enter an amount like 8.00',
    });
    const ja = checkDealForm({ ...blank, currency: 'JPY' }, undefined, translator('ja', 'merchant.form'));
    expect(ja.errors).toMatchObject({
      listPrice: '通常価格を入力してください',
      'tiers.0.minMembers': '何人から？',
      'tiers.0.unitPrice': '800 のように整数の金額を入力してください',
    });
    const zh = checkDealForm({ ...blank, currency: 'XXX' }, undefined, translator('zh-CN', 'merchant.form'));
    expect(zh.errors.currency).toBe('请选择币种');
  });

  it('checks the fulfilment options with the server’s rules, field by field', () => {
    const fulfilment = {
      ...emptyDealForm('USD').fulfilment,
      shippingOn: true,
      countries: ['US'],
      shippingPrice: '4.5.0',
      pickupOn: true,
      points: [
        { id: 'abcd2345', name: '', address: 'Main St 1', hours: '9–5', windowDays: '0', capacity: '' },
      ],
      voucherOn: true,
      validUntil: '2020-01-01',
    };
    const c = checkDealForm(form({ fulfilment }));
    expect(c.input).toBeNull();
    expect(c.errors).toMatchObject({
      'fulfilment.shipping.price': 'Enter an amount like 8.00',
      'fulfilment.pickup.points.0.name': 'Give the pickup point a name',
      'fulfilment.pickup.points.0.windowDays': 'Buyers need at least 1 day to collect',
    });
    expect(c.errors['fulfilment.voucher.validUntil']).toMatch(/^The voucher must still be valid/);
    const fixed = checkDealForm(
      form({
        fulfilment: {
          ...fulfilment,
          shippingPrice: '4.50',
          points: fulfilment.points.map((p) => ({ ...p, name: 'Corner shop', windowDays: '2' })),
          voucherOn: false,
        },
      }),
    );
    expect(fixed.input?.fulfilment).toEqual({
      shipping: { countries: ['US'], pricing: 'per_order', price: 450, dispatchDays: 3 },
      pickup: {
        points: [
          {
            id: 'abcd2345',
            name: 'Corner shop',
            address: 'Main St 1',
            hours: '9–5',
            windowDays: 2,
            capacity: null,
          },
        ],
      },
      voucher: null,
    });
  });

  it('turns the rewards as typed into the deal’s reward, commission in basis points and days', () => {
    const rewards = {
      openerOn: true,
      openerMembers: '6',
      openerPercent: '50',
      openerCap: '4.50',
      commissionPercent: '12.5',
      commissionHoldDays: '30',
    };
    const c = checkDealForm(form({ rewards }));
    expect(c.errors).toEqual({});
    expect(c.input).toMatchObject({
      openerReward: { minMembers: 6, percent: 50, cap: 450 },
      commissionBps: 1250,
      commissionHoldDays: 30,
    });
    // No cap is no limit; a blank commission is none; a reward turned off is not offered, whatever it holds.
    const plain = checkDealForm(form({ rewards: { ...rewards, openerCap: '', commissionPercent: '' } }));
    expect(plain.input).toMatchObject({ openerReward: { cap: null }, commissionBps: 0 });
    const off = checkDealForm(form({ rewards: { ...rewards, openerOn: false, openerMembers: 'x' } }));
    expect(off.input?.openerReward).toBeNull();
  });

  it('puts the server’s words on the reward fields it refuses', () => {
    const c = checkDealForm(
      form({
        rewards: {
          openerOn: true,
          openerMembers: '11',
          openerPercent: '120',
          openerCap: '4.5.0',
          commissionPercent: '12.345',
          commissionHoldDays: '91',
        },
      }),
    );
    expect(c.input).toBeNull();
    expect(c.errors).toEqual({
      'openerReward.minMembers': "The opener reward's group size can be at most the group size (10).",
      'openerReward.percent': "The reward is between 1% and 100% of the opener's items.",
      'openerReward.cap': 'Enter an amount like 8.00',
      commissionBps: 'Enter the commission as a percent with at most two decimals.',
      commissionHoldDays: 'Commissions are paid between 0 and 90 days after a charge.',
    });
    const range = checkDealForm(
      form({ rewards: { ...emptyDealForm('USD').rewards, commissionPercent: '31' } }),
    );
    expect(range.errors.commissionBps).toBe("The commission is between 0% and 30% of a buyer's charge.");
  });
});
