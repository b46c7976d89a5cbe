// A notification as a Web Push payload: a short title and body that fit a phone's lock screen. Edit the
// limits here if a platform shows less.

/** Longest title and body, in UTF-16 units (what a lock screen shows before it cuts). */
export const PUSH_TITLE_MAX = 60;
export const PUSH_BODY_MAX = 120;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut to at most `max` units on a whole character, with "…" when something was cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let out = '';
  for (const { segment } of segmenter.segment(flat)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** The push form of a message: clipped title and body, opening `url`. */
export function pushPayload(p: { title: string; body: string }, url: string) {
  return { title: clip(p.title, PUSH_TITLE_MAX), body: clip(p.body, PUSH_BODY_MAX), url };
}
