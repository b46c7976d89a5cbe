// A deal in several languages, through the tRPC caller against real PostgreSQL: the merchant saves a title and
// description per language (refused with field messages, writing nothing, when they break a rule), and each
// reader gets theirs or the deal's own, on the deal page, the home page, My groups and the group page, whose
// shared snapshot cache serves readers of every language from one read.
import { VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals } from '@/db/schema';
import { LOCALE_HEADER, type Locale } from '@/i18n/locales';
import type { SessionUser } from '@/server/auth/session-user';
import { getGroupSnapshotOrThrow, type PublicSnapshotSource } from '@/server/groups/get-group-snapshot';
import { openGroup } from '@/server/groups/open-group';
import { closeLiveHub, getLiveHub, topics } from '@/server/live/listener';
import { sharedSnapshotSource } from '@/server/live/snapshot-cache';
import { appRouter, createCaller } from '@/server/trpc/root';
import { createHarness, type Harness } from '@/test/harness';

let h: Harness;
let owner: { user: SessionUser; merchantId: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await h.makeMerchant({ name: 'Ramen Co' });
});
afterAll(async () => {
  await closeLiveHub(h.deps);
  await h.close();
});

const validDeal = {
  title: 'Tonkotsu ramen kit',
  description: 'Four bowls.',
  currency: 'JPY',
  listPrice: 3000,
  tiers: [
    { minMembers: 3, unitPrice: 2500 },
    { minMembers: 10, unitPrice: 2000 },
  ],
  windowSeconds: 86_400,
  // A deal is published only with a way for buyers to get their order.
  fulfilment: { shipping: null, pickup: null, voucher: { validUntil: '2099-12-31', instructions: '' } },
};

const chinese = { title: '豚骨拉面套装', description: '四碗装。' };

const asOwner = () => h.caller(owner.user, owner.merchantId);

/** A caller whose request the proxy stamped with `locale`, as a reader's browser would send it. */
const readerIn = (locale: Locale, user: SessionUser | null = null) =>
  createCaller({ deps: h.deps, user, merchantId: null, headers: new Headers({ [LOCALE_HEADER]: locale }) });

/** Calls a mutation over HTTP as the deal editor does, returning the error body the browser receives. */
async function httpError(path: string, input: unknown) {
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req: new Request(`http://flock.test/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOCALE_HEADER]: 'en' },
      body: JSON.stringify({ json: input }),
    }),
    createContext: ({ req }) => ({
      deps: h.deps,
      user: owner.user,
      merchantId: owner.merchantId,
      headers: req.headers,
    }),
  });
  const body = (await res.json()) as {
    error?: { json: { data: { code: string; fields: Record<string, string> | null } } };
  };
  if (!body.error) throw new Error(`expected ${path} to fail, got ${res.status}`);
  return { status: res.status, ...body.error.json.data };
}

async function dealRows() {
  return h.t.db
    .select({ id: deals.id, translations: deals.translations, contentLocale: deals.contentLocale })
    .from(deals)
    .where(eq(deals.merchantId, owner.merchantId));
}

/** A published deal with a Chinese translation and one open group on it. */
async function publishedWithGroup() {
  const deal = await asOwner().deals.create({ ...validDeal, translations: { 'zh-CN': chinese } });
  await asOwner().deals.publish({ dealId: deal.id });
  const group = await openGroup(h.deps, { merchantId: owner.merchantId }, { dealId: deal.id });
  return { deal, code: group.code };
}

describe('a merchant writes a deal in several languages', () => {
  it('saves the content language and the translations, dropping a language left blank', async () => {
    const d = await asOwner().deals.create({
      ...validDeal,
      translations: { 'zh-CN': chinese, ja: { title: '  ', description: '' } },
    });
    expect(d.contentLocale).toBe('en');
    expect(d.translations).toEqual({ 'zh-CN': chinese });
    expect((await asOwner().deals.get({ dealId: d.id })).translations).toEqual({ 'zh-CN': chinese });

    // A deal written in Japanese, with an English title only (the description is borrowed, see the readers).
    const ja = await asOwner().deals.create({
      ...validDeal,
      title: '豚骨ラーメンセット',
      description: '4食入り。',
      contentLocale: 'ja',
      translations: { en: { title: 'Tonkotsu ramen kit' } },
    });
    expect(ja).toMatchObject({
      contentLocale: 'ja',
      translations: { en: { title: 'Tonkotsu ramen kit', description: '' } },
    });
  });

  it('changes translations while a group is open (they are presentation, not terms)', async () => {
    const { deal } = await publishedWithGroup();
    const japanese = { title: '豚骨ラーメンセット', description: '4食入り。' };
    const updated = await asOwner().deals.update({
      dealId: deal.id,
      translations: { 'zh-CN': chinese, ja: japanese },
    });
    expect(updated.termsLocked).toBe(true);
    expect(updated.translations).toEqual({ 'zh-CN': chinese, ja: japanese });
    // The same translations again, in another key order, are no change.
    const again = await asOwner().deals.update({
      dealId: deal.id,
      translations: { ja: japanese, 'zh-CN': chinese },
    });
    expect(again.updatedAt).toEqual(updated.updatedAt);
  });

  it('refuses bad translations with a message on each field, as the browser receives them, writing nothing', async () => {
    const before = await dealRows();
    const err = await httpError('deals.create', {
      ...validDeal,
      contentLocale: 'en',
      translations: {
        'zh-CN': { title: '', description: '四碗装。' },
        ja: { title: 'x'.repeat(121), description: 'ok' },
        en: { title: 'Tonkotsu ramen kit', description: '' },
      },
    });
    expect(err.status).toBe(400);
    expect(err.fields).toEqual({
      'translations.zh-CN.title': 'Give a title in this language too, or clear its description',
      'translations.ja.title': 'Title must be at most 120 characters',
      'translations.en.title':
        'This is the deal’s main language: write its title and description in the main fields',
    });
    // The main language as a translation is refused on its own too.
    const main = await httpError('deals.create', {
      ...validDeal,
      translations: { en: { title: 'Tonkotsu ramen kit', description: '' } },
    });
    expect(main.fields).toEqual({
      'translations.en.title':
        'This is the deal’s main language: write its title and description in the main fields',
    });
    const unknown = await httpError('deals.create', {
      ...validDeal,
      translations: { fr: { title: 'Kit ramen', description: '' } },
    });
    expect(unknown.fields).toEqual({
      translations: 'Translations can only be in English, Simplified Chinese or Japanese',
    });
    const language = await httpError('deals.create', { ...validDeal, contentLocale: 'fr' });
    expect(language.fields).toEqual({
      contentLocale: 'Choose the language the title and description are written in',
    });
    const hidden = await httpError('deals.create', {
      ...validDeal,
      translations: { ja: { title: 'ラーメン\u202E', description: '' } },
    });
    expect(Object.keys(hidden.fields ?? {})).toEqual(['translations.ja.title']);
    expect(await dealRows()).toEqual(before);

    // An update that breaks a rule leaves the stored translations as they were.
    const d = await asOwner().deals.create({ ...validDeal, translations: { 'zh-CN': chinese } });
    const stored = await dealRows();
    const refused = await asOwner()
      .deals.update({ dealId: d.id, translations: { 'zh-CN': { title: '', description: '说明' } } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(TRPCError);
    expect(await dealRows()).toEqual(stored);
  });
});

describe('each reader gets the deal in their language, or the deal’s own', () => {
  it('on the deal page, the home page and My groups', async () => {
    const { deal, code } = await publishedWithGroup();
    const zh = await readerIn('zh-CN').deals.bySlug({ slug: deal.slug });
    expect(zh).toMatchObject({ ...chinese, titleLocale: 'zh-CN', descriptionLocale: 'zh-CN' });
    // No Japanese translation: a Japanese reader gets the deal's own English, marked as English.
    const ja = await readerIn('ja').deals.bySlug({ slug: deal.slug });
    expect(ja).toMatchObject({
      title: 'Tonkotsu ramen kit',
      description: 'Four bowls.',
      titleLocale: 'en',
      descriptionLocale: 'en',
    });
    // The public deal carries no other language's words.
    expect(JSON.stringify(ja)).not.toContain(chinese.title);

    const card = (await readerIn('zh-CN').deals.listActive({ limit: 100 })).find((c) => c.slug === deal.slug);
    expect(card).toMatchObject({ title: chinese.title, titleLocale: 'zh-CN' });

    const buyer = await h.makeUser({ anonymous: true });
    await h.caller(buyer).groups.join({
      code,
      alias: 'Mei',
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: `join-${buyer.id}`,
      paymentMethod: 'pm_card_visa',
    });
    const [mine] = await readerIn('zh-CN', buyer).groups.mine();
    expect(mine?.deal).toMatchObject({ title: chinese.title, titleLocale: 'zh-CN', slug: deal.slug });
    const [mineJa] = await readerIn('ja', buyer).groups.mine();
    expect(mineJa?.deal.title).toBe('Tonkotsu ramen kit');
  });

  it('on the group page', async () => {
    const { code } = await publishedWithGroup();
    const zh = await readerIn('zh-CN').groups.snapshot({ code });
    expect(zh.deal).toMatchObject({ ...chinese, titleLocale: 'zh-CN' });
    const ja = await readerIn('ja').groups.snapshot({ code });
    expect(ja.deal).toMatchObject({ title: 'Tonkotsu ramen kit', description: 'Four bowls.' });
    // The page's snapshot carries the reader's words only, not every translation.
    expect(ja.deal).not.toHaveProperty('translations');
    expect(JSON.stringify(ja)).not.toContain(chinese.title);
  });

  it('from one shared snapshot read, whatever language each reader of the group reads', async () => {
    const { code } = await publishedWithGroup();
    // The process's cache serves only while its live hub listens.
    const hub = getLiveHub(h.deps);
    const stop = await hub.subscribe([topics.all], () => {});
    const shared = sharedSnapshotSource(h.deps);
    let reads = 0;
    const counted: PublicSnapshotSource = (c, read) =>
      shared(c, () => {
        reads += 1;
        return read();
      });
    const [zh, ja, en] = [
      await getGroupSnapshotOrThrow(h.deps, code, null, 'zh-CN', counted),
      await getGroupSnapshotOrThrow(h.deps, code, null, 'ja', counted),
      await getGroupSnapshotOrThrow(h.deps, code, null, 'en', counted),
    ];
    stop();
    expect(reads).toBe(1);
    expect([zh.deal.title, ja.deal.title, en.deal.title]).toEqual([
      chinese.title,
      'Tonkotsu ramen kit',
      'Tonkotsu ramen kit',
    ]);
    // And a Chinese reader after an English one still reads Chinese (the cache holds no reader's pick).
    expect((await getGroupSnapshotOrThrow(h.deps, code, null, 'zh-CN', counted)).deal.title).toBe(
      chinese.title,
    );
  });
});
