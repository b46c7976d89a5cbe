// Refusals reach the reader in their language: a DomainError, a refused input and a missing sign-in, through
// the tRPC caller and over HTTP as the browser receives them, in the locale the proxy stamped on the request
// (or, without the stamp, the reader's saved choice and browser), and in English otherwise.
import { randomUUID } from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { TRPCError } from '@trpc/server';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { members } from '@/db/schema';
import { LOCALE_HEADER } from '@/i18n/locales';
import { makeGroup, VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { createHarness, type Harness } from '@/test/harness';
import type { SessionUser } from '@/server/auth/session-user';
import { appRouter, createCaller } from './root';

let h: Harness;
let buyer: SessionUser;
let code: string;

beforeAll(async () => {
  h = await createHarness();
  buyer = await h.makeUser({ anonymous: true });
  ({ code } = await makeGroup(h.deps));
});
afterAll(async () => h.close());

const stamped = (locale: string) => new Headers({ [LOCALE_HEADER]: locale });
const callerIn = (headers: Headers | null, user: SessionUser | null = null) =>
  createCaller({ deps: h.deps, user, merchantId: null, headers });

async function refusedWith(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

const join = (alias: string) => ({
  code,
  alias,
  quantity: 1,
  fulfilment: VOUCHER_CHOICE,
  idempotencyKey: randomUUID(),
  paymentMethod: 'pm_card_visa',
});

/** POSTs a procedure over HTTP as the browser does; returns the error JSON. */
async function overHttp(path: string, input: unknown, headers: Record<string, string>) {
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req: new Request(`http://flock.test/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ json: input }),
    }),
    createContext: ({ req }) => ({ deps: h.deps, user: buyer, merchantId: null, headers: req.headers }),
  });
  const body = (await res.json()) as {
    error: {
      json: { message: string; data: { domainCode: string | null; fields: Record<string, string> | null } };
    };
  };
  return { status: res.status, ...body.error.json };
}

describe('a DomainError', () => {
  const missing = () => ({ code: 'zzzzzzzz99' });

  it('says a missing group in the request’s language', async () => {
    expect(await refusedWith(callerIn(stamped('zh-CN')).groups.snapshot(missing()))).toEqual({
      code: 'NOT_FOUND',
      message: '找不到这个团，请检查链接。',
    });
    expect(await refusedWith(callerIn(stamped('ja')).groups.snapshot(missing()))).toEqual({
      code: 'NOT_FOUND',
      message: 'このグループが見つかりませんでした。リンクをご確認ください。',
    });
  });

  it('stays English without a language, or for an English reader', async () => {
    const english = { code: 'NOT_FOUND', message: 'We could not find this group. Check the link.' };
    expect(await refusedWith(callerIn(null).groups.snapshot(missing()))).toEqual(english);
    expect(await refusedWith(callerIn(stamped('en')).groups.snapshot(missing()))).toEqual(english);
  });

  it('follows the saved choice and the browser when the proxy did not stamp the request', async () => {
    const saved = new Headers({ cookie: 'a=1; flock_locale=ja', 'accept-language': 'zh-CN' });
    expect((await refusedWith(callerIn(saved).groups.snapshot(missing()))).message).toMatch(/^このグループ/);
    const browser = new Headers({ 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.5' });
    expect((await refusedWith(callerIn(browser).groups.snapshot(missing()))).message).toMatch(/^找不到/);
  });

  it('says the live stream’s refusal in the request’s language too', async () => {
    expect(await refusedWith(callerIn(stamped('zh-CN')).live.group(missing()))).toEqual({
      code: 'NOT_FOUND',
      message: '找不到这个团，请检查收到的链接。',
    });
  });

  it('asks a signed-out reader to sign in, in their language', async () => {
    expect(await refusedWith(callerIn(stamped('ja')).groups.mine())).toEqual({
      code: 'UNAUTHORIZED',
      message: '先にログインしてください。',
    });
    expect((await refusedWith(callerIn(null).groups.mine())).message).toBe('Please sign in first.');
  });
});

describe('a card decline', () => {
  it('is said by its code in the reader’s language, not in the processor’s English', async () => {
    const shopper = await h.makeUser({ anonymous: true });
    const declined = { ...join('Mei'), paymentMethod: 'pm_card_chargeDeclined' };
    expect(await refusedWith(callerIn(stamped('zh-CN'), shopper).groups.join(declined))).toEqual({
      code: 'PAYMENT_REQUIRED',
      message: '你的银行卡被拒绝了，请换一张卡。',
    });
    const other = await h.makeUser({ anonymous: true });
    const poor = { ...join('Ken'), paymentMethod: 'pm_card_visa_chargeDeclinedInsufficientFunds' };
    expect(await refusedWith(callerIn(stamped('ja'), other).groups.join(poor))).toEqual({
      code: 'PAYMENT_REQUIRED',
      message: 'カードの利用可能額が不足しています。別のカードをお試しください。',
    });
    const third = await h.makeUser({ anonymous: true });
    const english = { ...join('Ann'), paymentMethod: 'pm_card_visa_chargeDeclinedInsufficientFunds' };
    expect((await refusedWith(callerIn(null, third).groups.join(english))).message).toBe(
      'Your card has insufficient funds. Try another card.',
    );
  });
});

describe('a refused input', () => {
  it('reaches the caller with the headline in the request’s language', async () => {
    for (const [locale, message] of [
      ['zh-CN', '有几项需要修改。'],
      ['ja', '入力内容に確認が必要な項目があります。'],
      ['en', 'Some fields need attention.'],
    ] as const) {
      expect(await refusedWith(callerIn(stamped(locale), buyer).groups.join(join('   ')))).toEqual({
        code: 'BAD_REQUEST',
        message,
      });
    }
  });

  it('reaches the browser with each field’s message in its language', async () => {
    const zh = await overHttp('groups.join', join('   '), { [LOCALE_HEADER]: 'zh-CN' });
    expect(zh.status).toBe(400);
    expect(zh.message).toBe('有几项需要修改。');
    expect(zh.data.fields).toEqual({ alias: '请设置一个显示给团员的昵称' });

    const ja = await overHttp('groups.join', join(`Mei\u0000`), { [LOCALE_HEADER]: 'ja' });
    expect(ja.data.fields?.alias).toMatch(/^表示名に目に見えない制御文字が含まれています/);

    const en = await overHttp('groups.join', join('x'.repeat(41)), {});
    expect(en.data.fields).toEqual({ alias: 'Use at most 40 characters' });
  });

  it('says a service’s per-field refusal in the reader’s language over HTTP', async () => {
    const zh = await overHttp('groups.join', { ...join('Mei'), quantity: 4 }, { [LOCALE_HEADER]: 'zh-CN' });
    expect(zh.status).toBe(400);
    expect(zh.data.domainCode).toBe('INVALID_INPUT');
    expect(zh.message).toBe('本团每人最多购买 3 件。');
    expect(zh.data.fields).toEqual({ quantity: '最多 3 件。' });
  });
});

describe('a join', () => {
  it('remembers the language the buyer joined in, for what Flock writes to them later', async () => {
    const jaBuyer = await h.makeUser({ anonymous: true });
    const enBuyer = await h.makeUser({ anonymous: true });
    const ja = await callerIn(stamped('ja'), jaBuyer).groups.join(join('ジュン'));
    const en = await callerIn(null, enBuyer).groups.join(join('Eve'));
    const rows = await h.deps.db
      .select({ id: members.id, locale: members.locale })
      .from(members)
      .where(inArray(members.id, [ja.member.id, en.member.id]));
    expect(new Map(rows.map((r) => [r.id, r.locale]))).toEqual(
      new Map([
        [ja.member.id, 'ja'],
        [en.member.id, 'en'],
      ]),
    );
  });
});
