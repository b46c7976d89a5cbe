// The one error module: the code map the router and the live stream share, and the form flattener.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError, fieldMessages, msg, parseOrThrow, TRPC_CODE_OF, type DomainErrorCode } from './errors';
import { errorWordsIn, localizeError } from './localize-error';

// tRPC clients (the live stream's SSE client among them) retry these instead of giving up.
const RETRIED = ['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'BAD_GATEWAY', 'GATEWAY_TIMEOUT'];

describe('the domain error module', () => {
  it('makes every refusal final for the client except a payment service that is down', () => {
    const retried = (Object.keys(TRPC_CODE_OF) as DomainErrorCode[]).filter((c) =>
      RETRIED.includes(TRPC_CODE_OF[c]),
    );
    expect(retried).toEqual(['PAYMENT_UNAVAILABLE']);
  });

  it('gives a form the first message of each field, keyed by its dotted path, in the reader’s language', () => {
    const schema = z.object({
      tiers: z.array(
        z.object({ unitPrice: z.int(msg('tier.priceWhole')).positive(msg('tier.pricePositive')) }),
      ),
    });
    const r = schema.safeParse({ tiers: [{ unitPrice: 1 }, { unitPrice: 0.5 }] });
    const issues = r.success ? [] : r.error.issues;
    expect(fieldMessages(issues)).toEqual({
      'tiers.1.unitPrice': 'Price must be a whole number of the smallest unit (e.g. cents)',
    });
    expect(fieldMessages(issues, errorWordsIn('zh-CN'))).toEqual({
      'tiers.1.unitPrice': '价格必须是最小货币单位的整数（例如“分”）',
    });
    expect(fieldMessages(issues, errorWordsIn('ja'))).toEqual({
      'tiers.1.unitPrice': '価格は最小通貨単位の整数で入力してください（例：セント）',
    });
  });

  it('says a generic message by issue code when a schema wrote no catalog key', () => {
    const schema = z.object({
      name: z.string().min(1).max(5),
      code: z.string().min(3),
      n: z.int().max(9),
      mail: z.email(),
      kind: z.enum(['a', 'b']),
    });
    const r = schema.safeParse({ name: '', code: 'x', n: 1.5, mail: 'nope', kind: 'c' });
    expect(fieldMessages(r.success ? [] : r.error.issues)).toEqual({
      name: 'This field is required',
      code: 'Must be at least 3 characters',
      n: 'Must be a whole number',
      mail: 'Enter a valid e-mail address',
      kind: 'Choose one of the options',
    });
    const long = schema.safeParse({ name: 'toolong', code: 'xyz', n: 10, mail: 'a@b.co', kind: 'a' });
    expect(fieldMessages(long.success ? [] : long.error.issues, errorWordsIn('ja'))).toEqual({
      name: '5文字以内で入力してください',
      n: '9以下にしてください',
    });
  });

  it('keeps the English sentence as the message and says it in each language on request', () => {
    const err = new DomainError(
      'OUT_OF_STOCK',
      'group.onlyLeft',
      { left: 2 },
      { quantity: { key: 'group.onlyLeftField', values: { left: 2 } } },
    );
    expect(err.message).toBe('Sorry, only 2 left. Choose a smaller quantity.');
    expect(err.fields).toEqual({ quantity: 'Only 2 left.' });
    expect(localizeError(err, 'zh-CN')).toEqual({
      message: '抱歉，只剩 2 件了，请减少购买数量。',
      fields: { quantity: '只剩 2 件。' },
    });
    expect(localizeError(err, 'ja').message).toBe(
      '申し訳ありません。残りは2個です。数量を減らしてください。',
    );
  });

  it('writes amounts in the reader’s own way', () => {
    const err = new DomainError('INVALID_INPUT', 'refund.atMost', {
      amount: { money: 980, currency: 'JPY' },
    });
    expect(err.message).toBe('You can refund at most ¥980 to this member.');
    expect(localizeError(err, 'zh-CN').message).toContain('JP¥980');
    expect(localizeError(err, 'ja').message).toContain('￥980');
  });

  it('refuses bad input as INVALID_INPUT with those messages, and returns the parsed value otherwise', () => {
    const schema = z.object({ title: z.string().trim().min(1, msg('deal.titleRequired')) });
    expect(parseOrThrow(schema, { title: ' Box ' })).toEqual({ title: 'Box' });
    let thrown: unknown;
    try {
      parseOrThrow(schema, { title: ' ' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Some fields need attention.',
      fields: { title: 'Give the deal a title' },
    });
  });
});
