// A mail is written in the language of the page that asked for it: better-auth's HTTP handler on real
// PostgreSQL, with the locale header the proxy stamps on /api requests, or only the reader's browser
// languages or saved choice when no stamp is there.
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import { LOCALE_COOKIE, LOCALE_HEADER } from '@/i18n/locales';
import { CLIENT_ADDRESS_HEADER } from '@/server/http/client-address';
import { createTestDb, type TestDb } from '@/test/db';
import { createAuth, type Auth } from './auth';
import { requestLocale } from './mailer';

const BASE = 'http://localhost:3000/api/auth';
let t: TestDb;
let auth: Auth;

beforeAll(async () => {
  t = await createTestDb();
  auth = createAuth({ db: t.db, rateLimit: false });
});
afterAll(async () => {
  await t.drop();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${BASE}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost:3000',
        [CLIENT_ADDRESS_HEADER]: '203.0.113.7',
        ...headers,
      },
      body: JSON.stringify(body),
    }),
  );
}

async function lastMailTo(email: string) {
  const [mail] = await t.db
    .select()
    .from(outbox)
    .where(eq(outbox.to, email))
    .orderBy(desc(outbox.id))
    .limit(1);
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}

describe('the sign-in link mail', () => {
  it('is in Japanese when asked for from a Japanese page, with the link', async () => {
    const email = 'ja-reader@example.test';
    const res = await post('/sign-in/magic-link', { email, callbackURL: '/me' }, { [LOCALE_HEADER]: 'ja' });
    expect(res.status).toBe(200);
    const mail = await lastMailTo(email);
    expect(mail.subject).toBe('Flock のログインリンク');
    expect(mail.body).toContain('このメールアドレス');
    expect(mail.body).toMatch(/https?:\/\/\S+\/magic-link\/verify\?token=\S+/);
    expect(mail.body).not.toMatch(/Open this link/);
  });

  it('follows the browser’s languages when no page stamped one', async () => {
    const email = 'zh-reader@example.test';
    const res = await post(
      '/sign-in/magic-link',
      { email, callbackURL: '/me' },
      { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' },
    );
    expect(res.status).toBe(200);
    const mail = await lastMailTo(email);
    expect(mail.subject).toBe('你的 Flock 登录链接');
    expect(mail.body).toContain('拼团');
  });

  it('stays in English for an English page', async () => {
    const email = 'en-reader@example.test';
    await post('/sign-in/magic-link', { email, callbackURL: '/me' }, { [LOCALE_HEADER]: 'en' });
    const mail = await lastMailTo(email);
    expect(mail.subject).toBe('Your Flock sign-in link');
    expect(mail.body).toMatch(/^Open this link to keep your Flock groups on this e-mail address:\n\nhttp/);
  });
});

describe('the password reset mail', () => {
  it('is in the language of the page that asked for it', async () => {
    const email = 'shop-owner@example.test';
    const signUp = await post('/sign-up/email', { email, password: 'correct-horse-9', name: 'Shop Owner' });
    expect(signUp.status).toBe(200);

    await post(
      '/request-password-reset',
      { email, redirectTo: '/merchant/reset-password' },
      { [LOCALE_HEADER]: 'zh-CN' },
    );
    const zh = await lastMailTo(email);
    expect(zh.subject).toBe('重置你的 Flock 密码');
    expect(zh.body).toContain('1 小时内有效');
    expect(zh.body).toMatch(/\/reset-password\/\S+/);

    await post(
      '/request-password-reset',
      { email, redirectTo: '/merchant/reset-password' },
      { cookie: `${LOCALE_COOKIE}=ja`, 'accept-language': 'en-US' },
    );
    const ja = await lastMailTo(email);
    expect(ja.subject).toBe('Flock のパスワード再設定');
    expect(ja.body).toContain('有効期限は1時間');
  });
});

describe('requestLocale', () => {
  it('ranks the stamped page language, then the saved choice, then the browser, then English', () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(requestLocale(h({ [LOCALE_HEADER]: 'ja', cookie: `${LOCALE_COOKIE}=zh-CN` }))).toBe('ja');
    expect(requestLocale(h({ cookie: `a=1; ${LOCALE_COOKIE}=zh-CN`, 'accept-language': 'ja' }))).toBe(
      'zh-CN',
    );
    expect(requestLocale(h({ [LOCALE_HEADER]: 'xx', 'accept-language': 'ja-JP' }))).toBe('ja');
    expect(requestLocale(h({ cookie: `${LOCALE_COOKIE}=%E0` }))).toBe('en');
    expect(requestLocale(undefined)).toBe('en');
  });
});
