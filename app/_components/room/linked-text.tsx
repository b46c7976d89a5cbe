// A message's text: plain text nodes, with http(s) URLs as links that open apart from the page. Never HTML.
import { POSTED_LINK_REL, splitLinks } from './linkify';

/** `text` with its http(s) URLs linked (rel nofollow ugc noopener noreferrer, new tab); all else inert text. */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((p, i) =>
        p.kind === 'link' ? (
          <a
            key={i}
            href={p.href}
            target="_blank"
            rel={POSTED_LINK_REL}
            className="break-all text-brand-700 underline"
          >
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
