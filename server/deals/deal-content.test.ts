import { describe, expect, it } from 'vitest';
import { dealContentFor, dealTitleFor, type DealContentSource } from './deal-content';

const ramen: DealContentSource = {
  title: 'Tonkotsu ramen kit',
  description: 'Four bowls, shipped frozen.',
  contentLocale: 'en',
  translations: {
    'zh-CN': { title: '豚骨拉面套装', description: '四碗装，冷冻发货。' },
    ja: { title: '豚骨ラーメンセット', description: '' },
  },
};

describe('which words of a deal a reader gets', () => {
  it.each([
    // reader, title, titleLocale, description, descriptionLocale
    ['en', 'Tonkotsu ramen kit', 'en', 'Four bowls, shipped frozen.', 'en'],
    ['zh-CN', '豚骨拉面套装', 'zh-CN', '四碗装，冷冻发货。', 'zh-CN'],
    // A translated title without a description keeps the deal's own description, marked as English.
    ['ja', '豚骨ラーメンセット', 'ja', 'Four bowls, shipped frozen.', 'en'],
  ] as const)('a reader in %s', (locale, title, titleLocale, description, descriptionLocale) => {
    expect(dealContentFor(ramen, locale)).toEqual({ title, titleLocale, description, descriptionLocale });
  });

  it('gives the deal’s own words when there is no translation for the reader', () => {
    const japaneseDeal: DealContentSource = {
      title: 'あまおう 2パック',
      description: '福岡県産。',
      contentLocale: 'ja',
      translations: { en: { title: 'Amaou strawberries, 2 trays', description: '' } },
    };
    expect(dealContentFor(japaneseDeal, 'zh-CN')).toEqual({
      title: 'あまおう 2パック',
      description: '福岡県産。',
      titleLocale: 'ja',
      descriptionLocale: 'ja',
    });
    expect(dealTitleFor(japaneseDeal, 'en')).toEqual({
      title: 'Amaou strawberries, 2 trays',
      titleLocale: 'en',
    });
  });

  it('never lets a translation replace the words of the deal’s own language, nor an empty title win', () => {
    const odd: DealContentSource = {
      ...ramen,
      translations: { en: { title: 'Stale', description: 'Stale' }, ja: { title: '', description: '説明' } },
    };
    expect(dealContentFor(odd, 'en').title).toBe('Tonkotsu ramen kit');
    expect(dealContentFor(odd, 'ja')).toMatchObject({ title: 'Tonkotsu ramen kit', titleLocale: 'en' });
  });
});
