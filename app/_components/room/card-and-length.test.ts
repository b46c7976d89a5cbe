import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS as SERVER_MAX, messageBody } from '@/server/rooms/room-input';
import { joinGroupHref, openGroupHref } from './card-links';
import { MAX_MESSAGE_CHARS, messageLength } from './message-length';

describe('product card links', () => {
  it('opens a group on the deal page, carrying the community it was posted in', () => {
    expect(openGroupHref('spring-tea', 'Comm1234XY')).toBe('/d/spring-tea?from=Comm1234XY');
    expect(openGroupHref('spring-tea', null)).toBe('/d/spring-tea');
  });

  it('joins the group about to fill on its own page', () => {
    expect(joinGroupHref('AbCd1234')).toBe('/g/AbCd1234');
  });
});

describe('the composer counter', () => {
  it('allows what the server allows and no more', () => {
    expect(MAX_MESSAGE_CHARS).toBe(SERVER_MAX);
    const fits = `  ${'a'.repeat(MAX_MESSAGE_CHARS)}\n\n`;
    expect(messageLength(fits)).toBe(MAX_MESSAGE_CHARS);
    expect(messageBody.safeParse(fits).success).toBe(true);
    const over = 'a'.repeat(MAX_MESSAGE_CHARS + 1);
    expect(messageLength(over)).toBe(MAX_MESSAGE_CHARS + 1);
    expect(messageBody.safeParse(over).success).toBe(false);
  });

  it('counts a line break typed on Windows as one character, as the server does', () => {
    expect(messageLength('a\r\nb')).toBe(3);
    expect(messageLength('   ')).toBe(0);
  });
});
