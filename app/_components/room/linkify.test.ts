import { describe, expect, it } from 'vitest';
import { splitLinks, POSTED_LINK_REL } from './linkify';

const links = (text: string) => splitLinks(text).filter((p) => p.kind === 'link');

describe('splitLinks', () => {
  it('keeps plain text as one text part', () => {
    expect(splitLinks('Is the blue one in stock?')).toEqual([
      { kind: 'text', text: 'Is the blue one in stock?' },
    ]);
  });

  it('links http and https URLs and keeps the text around them', () => {
    expect(splitLinks('Specs: https://shop.example/p/42 and http://x.example ok')).toEqual([
      { kind: 'text', text: 'Specs: ' },
      { kind: 'link', text: 'https://shop.example/p/42', href: 'https://shop.example/p/42' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.example', href: 'http://x.example/' },
      { kind: 'text', text: ' ok' },
    ]);
  });

  it('leaves sentence punctuation after a URL out of the link', () => {
    for (const tail of ['.', ',', '!', '?', ':', ';', '...', '…', ')', '".', '!?']) {
      const parts = splitLinks(`see https://shop.example/a${tail}`);
      expect(parts[1], tail).toEqual({
        kind: 'link',
        text: 'https://shop.example/a',
        href: 'https://shop.example/a',
      });
      expect(parts[2], tail).toEqual({ kind: 'text', text: tail });
    }
  });

  it('keeps a bracket the URL itself opened', () => {
    expect(links('(read https://en.wikipedia.org/wiki/Tea_(drink))')[0]?.text).toBe(
      'https://en.wikipedia.org/wiki/Tea_(drink)',
    );
  });

  it('ends a URL at full-width punctuation, as in Chinese and Japanese sentences', () => {
    expect(links('看这里https://shop.example/a，很便宜。')[0]?.text).toBe('https://shop.example/a');
    expect(links('こちら：https://shop.example/b。')[0]?.text).toBe('https://shop.example/b');
  });

  it('never links javascript:, data: or other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'mailto:a@b.example',
      'ftp://files.example/x',
    ]) {
      expect(links(text), text).toEqual([]);
    }
    // Only the genuine https URL inside becomes a link; the javascript: part stays text.
    expect(splitLinks('javascript://https://evil.example')).toEqual([
      { kind: 'text', text: 'javascript://' },
      { kind: 'link', text: 'https://evil.example', href: 'https://evil.example/' },
    ]);
  });

  it('does not link a URL glued to a word or with no host', () => {
    expect(links('xhttps://evil.example')).toEqual([]);
    expect(links('https:// nothing')).toEqual([]);
  });

  it('keeps markup as plain text', () => {
    expect(splitLinks('<b>hi</b> <a href="javascript:x">y</a>')).toEqual([
      { kind: 'text', text: '<b>hi</b> <a href="javascript:x">y</a>' },
    ]);
  });

  it('marks posted links as user content that gets no access to the page', () => {
    expect(POSTED_LINK_REL.split(' ').sort()).toEqual(['nofollow', 'noopener', 'noreferrer', 'ugc']);
  });
});
