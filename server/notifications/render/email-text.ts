// The plain-text part of every notification e-mail: the same words as the HTML part, with each link's URL
// written out for mail apps that show no HTML. Edit together with email-html.ts.
import type { Message } from './message';

/** The message as plain text, URLs in full. */
export function emailText(m: Message): string {
  const blocks = [
    m.heading,
    m.greeting,
    ...m.paragraphs,
    m.facts.map((f) => f.line).join('\n'),
    m.button.line,
    m.links.map((l) => l.line).join('\n'),
    '—',
    m.footer.why,
    [m.footer.preferences, ...(m.footer.unsubscribe ? [m.footer.unsubscribe] : [])]
      .map((l) => l.line)
      .join('\n'),
  ];
  return `${blocks.filter((b) => b !== '').join('\n\n')}\n`;
}
