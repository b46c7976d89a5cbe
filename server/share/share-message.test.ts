import { describe, expect, it } from 'vitest';
import { parseChannel, parseInviteCode } from './channels';
import { buildShareMessage, groupShareUrl, shareIntents, withHint, type ShareFacts } from './share-message';
import { formatClock, formatDuration, formatTimeLeft } from './time-left';
import { wordsFor } from './words-for';

const w = wordsFor('en');

const now = new Date('2026-01-01T10:00:00Z');
// ¥980 from 2 people, ¥780 from 4, ¥680 from 6; list ¥1,200.
const facts: ShareFacts = {
  productTitle: 'Amaou strawberries',
  currency: 'JPY',
  listPrice: 1200,
  tiers: [
    { minMembers: 2, unitPrice: 980 },
    { minMembers: 4, unitPrice: 780 },
    { minMembers: 6, unitPrice: 680 },
  ],
  confirmedCount: 2,
  status: 'open',
  deadline: new Date(now.getTime() + 5 * 3600_000),
  now,
};

describe('share message', () => {
  it('is the chat-ready sentence with price, next bracket, time left and link', () => {
    expect(buildShareMessage(w, facts, 'https://flock.test/g/abc')).toBe(
      'Join my group for Amaou strawberries: ¥980 each now; 2 more people unlock ¥780. Ends in 5 h. https://flock.test/g/abc',
    );
  });

  it('below the minimum says who is needed to go ahead, never an unlock of the same price', () => {
    const text = buildShareMessage(w, { ...facts, confirmedCount: 1 }, 'L');
    expect(text).toBe(
      'Join my group for Amaou strawberries: 1 more person needed to go ahead at ¥980; at 4, ¥780. Ends in 5 h. L',
    );
    expect(text).not.toMatch(/unlock/);
  });

  it('speaks of one person in the singular and of the best price at the last bracket', () => {
    expect(buildShareMessage(w, { ...facts, confirmedCount: 3 }, 'L')).toContain(
      '1 more person unlocks ¥780',
    );
    expect(buildShareMessage(w, { ...facts, confirmedCount: 7 }, 'L')).toBe(
      'Join my group for Amaou strawberries: ¥680 each now, the best price. Ends in 5 h. L',
    );
  });

  it('invites nobody once the group has closed', () => {
    expect(
      buildShareMessage(w, { ...facts, status: 'won', finalUnitPrice: 780, confirmedCount: 4 }, 'L'),
    ).toBe('My group for Amaou strawberries has closed. Went ahead at ¥780 each. L');
  });

  it("tells the truth from the old facts shape too (today's price and the next bracket)", () => {
    const legacy: ShareFacts = {
      productTitle: 'Mug',
      currency: 'USD',
      currentPrice: 2600,
      next: { unitPrice: 2600, minMembers: 3, membersNeeded: 2 },
      deadline: facts.deadline,
      now,
    };
    expect(buildShareMessage(w, legacy, 'L')).toBe(
      'Join my group for Mug: 2 more people needed to go ahead at $26.00. Ends in 5 h. L',
    );
    expect(
      buildShareMessage(w, { ...legacy, next: { unitPrice: 2300, minMembers: 6, membersNeeded: 1 } }, 'L'),
    ).toBe('Join my group for Mug: $26.00 each now; 1 more person unlocks $23.00. Ends in 5 h. L');
  });

  it('tags each intent link with its channel and the sharer invite code', () => {
    const intents = shareIntents(w, facts, 'https://flock.test', 'abcdefgh23', 'inv123');
    expect(intents.map((i) => i.channel)).toEqual(['whatsapp', 'telegram', 'line', 'sms', 'email']);
    const wa = intents[0]?.href ?? '';
    expect(wa.startsWith('https://wa.me/?text=')).toBe(true);
    expect(decodeURIComponent(wa.slice('https://wa.me/?text='.length))).toContain(
      'https://flock.test/g/abcdefgh23?i=inv123&c=whatsapp',
    );
    const tg = new URL(intents[1]?.href ?? '');
    expect(tg.searchParams.get('url')).toBe('https://flock.test/g/abcdefgh23?i=inv123&c=telegram&hl=en');
    expect(tg.searchParams.get('text')).not.toContain('http');
  });

  it("is written in the sharer's language and its links carry that language as a hint", () => {
    const zh = wordsFor('zh-CN');
    expect(buildShareMessage(zh, { ...facts, confirmedCount: 1 }, 'L')).toBe(
      '和我一起拼「Amaou strawberries」：还差 1 人成团，每件 JP¥980；满 4 人每件 JP¥780。还剩 5小时。 L',
    );
    const ja = wordsFor('ja');
    const intents = shareIntents(ja, facts, 'https://flock.test', 'abcdefgh23', null);
    expect(intents.map((i) => i.label)).toEqual(['WhatsApp', 'Telegram', 'LINE', 'メッセージ', 'メール']);
    const line = decodeURIComponent(intents[2]?.href.slice('https://line.me/R/share?text='.length) ?? '');
    expect(line).toBe(
      '「Amaou strawberries」を一緒に買いませんか：現在1点￥980。あと2人で￥780に。残り5時間。 https://flock.test/g/abcdefgh23?c=line&hl=ja',
    );
    const mail = new URL(intents[4]?.href ?? '');
    expect(mail.searchParams.get('subject')).toBe('「Amaou strawberries」を一緒に買いませんか');
  });

  it('adds the hint to a link only when someone shares it', () => {
    expect(groupShareUrl('https://flock.test', 'abcdefgh23', { channel: 'copy', hint: 'zh-CN' })).toBe(
      'https://flock.test/g/abcdefgh23?c=copy&hl=zh-CN',
    );
    expect(withHint('https://flock.test/g/abcdefgh23?i=inv123', 'ja')).toBe(
      'https://flock.test/g/abcdefgh23?i=inv123&hl=ja',
    );
  });

  it('leaves the invite code out of links shared by non-members', () => {
    expect(groupShareUrl('https://flock.test/', 'abcdefgh23', { channel: 'qr' })).toBe(
      'https://flock.test/g/abcdefgh23?c=qr',
    );
  });
});

describe('untrusted link parameters', () => {
  it('keeps known channels only', () => {
    expect(parseChannel('WhatsApp')).toBe('whatsapp');
    expect(parseChannel('<script>')).toBeNull();
    expect(parseChannel(['qr'])).toBeNull();
  });
  it('keeps invite codes of a sane shape only', () => {
    expect(parseInviteCode('a1b2c3d4e5')).toBe('a1b2c3d4e5');
    expect(parseInviteCode("x' or 1=1")).toBeNull();
    expect(parseInviteCode('x'.repeat(65))).toBeNull();
  });
});

describe('time left', () => {
  it.each([
    [0, 'ended'],
    [45_000, '45 s'],
    [12 * 60_000, '12 min'],
    [4 * 3600_000 + 12 * 60_000, '4 h 12 min'],
    [5 * 3600_000, '5 h'],
    [2 * 86_400_000 + 3 * 3600_000, '2 d 3 h'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatTimeLeft(w, ms)).toBe(text);
  });
});

describe('time left in Chinese and Japanese', () => {
  const zh = wordsFor('zh-CN');
  const ja = wordsFor('ja');
  it.each([
    [(2 * 86_400 + 23 * 3600) * 1000, '2天23小时', '2日23時間'],
    [4 * 3600_000 + 12 * 60_000, '4小时12分钟', '4時間12分'],
    [45_000, '45秒', '45秒'],
    [0, '已结束', '終了'],
  ])('%i ms → %s / %s', (ms, zhText, jaText) => {
    expect(formatTimeLeft(zh, ms)).toBe(zhText);
    expect(formatTimeLeft(ja, ms)).toBe(jaText);
  });
  it('runs the clock with days in each language', () => {
    expect(formatClock(zh, (86_400 + 3723) * 1000)).toBe('1天 01:02:03');
    expect(formatClock(ja, 3723 * 1000)).toBe('01:02:03');
  });
  it('says a window length', () => {
    expect(formatDuration(zh, 90 * 60)).toBe('1小时30分钟');
    expect(formatDuration(ja, 2 * 86_400)).toBe('2日間');
  });
});

describe('window length in words', () => {
  it.each([
    [30, '30 seconds'],
    [60, '1 minute'],
    [90 * 60, '1 hour 30 minutes'],
    [3600, '1 hour'],
    [86_400, '1 day'],
    [2 * 86_400 + 4 * 3600, '2 days 4 hours'],
    [6 * 86_400, '6 days'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatDuration(w, seconds)).toBe(text);
  });
});
