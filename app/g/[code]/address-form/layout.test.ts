// The address form follows each country's post: its fields, order, names and areas (Google's address data),
// and names countries in the reader's language.
import { describe, expect, it } from 'vitest';
import { addressLayout, countryChoices } from './layout';

const names = (l: Awaited<ReturnType<typeof addressLayout>>) => l.fields.map((f) => `${f.name}:${f.label}`);

describe('addressLayout', () => {
  it('Japan: postal code, prefecture, street, in that order after the name; prefectures from Hokkaido', async () => {
    const jp = await addressLayout('jp', 'ja');
    expect(jp.countryCode).toBe('JP');
    expect(names(jp)).toEqual([
      'name:recipient',
      'postalCode:postalCode',
      'countryArea:prefecture',
      'streetAddress:street',
      'companyName:company',
    ]);
    const area = jp.fields.find((f) => f.name === 'countryArea');
    expect(area?.required).toBe(true);
    expect(area?.choices?.[0]).toEqual({ value: '北海道', label: '北海道' });
    expect(jp.fields.find((f) => f.name === 'postalCode')?.example).toMatch(/^\d{3}-\d{4}$/);
    expect(jp.fields.find((f) => f.name === 'companyName')?.required).toBe(false);
  });

  it('names areas in Latin letters with the local name beside them for readers of another language', async () => {
    const jp = await addressLayout('JP', 'en');
    expect(jp.fields.find((f) => f.name === 'countryArea')?.choices?.[0]).toEqual({
      value: '北海道',
      label: 'Hokkaido (北海道)',
    });
  });

  it('United States: city, state and ZIP code, states by name', async () => {
    const us = await addressLayout('US', 'en');
    expect(names(us)).toEqual([
      'name:recipient',
      'companyName:company',
      'streetAddress:street',
      'city:city',
      'countryArea:state',
      'postalCode:zip',
    ]);
    expect(us.fields.find((f) => f.name === 'countryArea')?.choices).toContainEqual({
      value: 'CA',
      label: 'California',
    });
  });

  it('United Kingdom: a post town and no area list', async () => {
    const gb = await addressLayout('GB', 'en');
    expect(names(gb)).toContain('city:postTown');
    expect(gb.fields.some((f) => f.name === 'countryArea')).toBe(false);
  });
});

describe('countryChoices', () => {
  it('names the countries in the reader’s language, sorted for them, once each', () => {
    expect(countryChoices(['us', 'JP', 'GB', 'JP'], 'en').map((c) => c.name)).toEqual([
      'Japan',
      'United Kingdom',
      'United States of America',
    ]);
    expect(countryChoices(['JP'], 'ja')).toEqual([{ code: 'JP', name: '日本' }]);
    expect(countryChoices(['CN'], 'zh-CN')).toEqual([{ code: 'CN', name: '中国' }]);
  });
});
