// Splits a message's plain text into text and http(s) links, so the page can render links as <a> elements
// and everything else as inert text (never HTML). Pure, shared by the member room and the staff inbox.
// Edit when another kind of link should be recognised.

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// A URL starts with http:// or https:// not glued to a Latin word before it (Chinese and Japanese write
// URLs right after their words), and runs to whitespace or a
// character that cannot be in an unquoted URL. Other schemes (javascript:, data:, mailto:) are never links.
const CANDIDATE = /(?<![A-Za-z0-9_+.-])https?:\/\/[^\s<>"'`\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+/giu;

// Sentence punctuation that ends a URL when it is the URL's last character ("see https://x.com/a.").
const TRAILING = /[.,;:!?…'"*_~]$/u;
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n += 1;
  return n;
}

/** The URL without the punctuation that belongs to the sentence around it (unbalanced closing brackets too). */
export function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const last = url.slice(-1);
    const opener = CLOSERS[last];
    if (TRAILING.test(url)) url = url.slice(0, -1);
    // "(see https://en.wikipedia.org/wiki/Foo_(bar))": keep the bracket the URL opened, drop the sentence's.
    else if (opener !== undefined && count(url, last) > count(url, opener)) url = url.slice(0, -1);
    else return url;
  }
}

/** A safe href for `text`, or null when it is not an http(s) URL with a host. */
export function safeHref(text: string): string | null {
  try {
    const u = new URL(text);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
    return u.href;
  } catch {
    return null;
  }
}

/** The parts of `text` in order: plain text, and http(s) links (their text as written, their href parsed). */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const url = trimUrl(m[0]);
    const href = safeHref(url);
    if (!href) continue;
    const start = m.index;
    if (start > at) parts.push({ kind: 'text', text: text.slice(at, start) });
    parts.push({ kind: 'link', text: url, href });
    at = start + url.length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}

/** The attributes every link a person posted carries: no ranking credit, no access to this page. */
export const POSTED_LINK_REL = 'nofollow ugc noopener noreferrer';
