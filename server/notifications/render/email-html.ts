// The one HTML layout of every notification e-mail: a table 560px wide at most, inline styles (mail apps
// drop <style> and classes more often than not; the dark-mode block below only refines), a hidden
// preheader, a heading, short paragraphs, a facts table for receipts, one button and a footer that says why
// the mail came and where to change that. Every value is escaped here and nowhere else: aliases, titles,
// pickup places and carriers are people's own text. Edit to change the look of every notification mail.
import type { Locale } from '@/i18n/locales';
import type { Fact, Message, SideLink } from './message';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A URL a mail may link to: http(s) only, so a stored "javascript:" tracking URL is never a link. */
export function linkableUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const FONT =
  "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Hiragino Sans','PingFang SC','Noto Sans CJK SC','Noto Sans JP',sans-serif";
const INK = '#1f2328';
const MUTED = '#57606a';
const LINE = '#d0d7de';
const ACCENT = '#0b5cad';

// Mail apps that honour it (Apple Mail, iOS, Outlook.com) switch to these; the rest keep the inline light
// colours, which every dark-mode client that recolours by itself still reads well.
const DARK_MODE = `:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme:dark){
.fl-page{background:#0d1117 !important}
.fl-card{background:#161b22 !important;border-color:#30363d !important}
.fl-ink{color:#e6edf3 !important}
.fl-muted{color:#9da7b3 !important}
.fl-link{color:#58a6ff !important}
.fl-rule{border-color:#30363d !important}
}`;

function link(l: SideLink, style: string): string {
  if (!linkableUrl(l.url)) return escapeHtml(l.line);
  return `<a class="fl-link" href="${escapeHtml(l.url)}" style="${style}">${escapeHtml(l.label)}</a>`;
}

function paragraph(text: string): string {
  return `<p class="fl-ink" style="margin:0 0 14px;font-size:16px;line-height:1.5;color:${INK}">${escapeHtml(text)}</p>`;
}

function factsTable(facts: Fact[]): string {
  if (facts.length === 0) return '';
  const rows = facts
    .map(
      (f, i) =>
        `<tr><td class="fl-muted fl-rule" style="padding:8px 0;font-size:15px;color:${MUTED};border-top:${i === 0 ? '0' : `1px solid ${LINE}`}">${escapeHtml(f.label)}</td>` +
        `<td class="fl-ink fl-rule" align="right" style="padding:8px 0;font-size:15px;color:${INK};font-weight:600;white-space:nowrap;border-top:${i === 0 ? '0' : `1px solid ${LINE}`}">${escapeHtml(f.value)}</td></tr>`,
    )
    .join('');
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:4px 0 18px;border-collapse:collapse">${rows}</table>`;
}

function button(b: Message['button']): string {
  if (!linkableUrl(b.url)) return paragraph(b.line);
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:6px 0 18px"><tr>` +
    `<td bgcolor="${ACCENT}" style="border-radius:8px;background:${ACCENT}">` +
    `<a href="${escapeHtml(b.url)}" style="display:inline-block;padding:12px 22px;font-family:${FONT};font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:8px">${escapeHtml(b.label)}</a>` +
    `</td></tr></table>`
  );
}

/** The message as an HTML e-mail in `locale` (the lang attribute lets phones pick the right glyphs). */
export function emailHtml(m: Message, locale: Locale): string {
  const side = m.links
    .map(
      (l) =>
        `<p style="margin:0 0 10px;font-size:15px;line-height:1.5">${link(l, `color:${ACCENT};word-break:break-all`)}</p>`,
    )
    .join('');
  const footerLinks = [m.footer.preferences, ...(m.footer.unsubscribe ? [m.footer.unsubscribe] : [])]
    .map((l) => link(l, `color:${MUTED};text-decoration:underline`))
    .join(' · ');
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(m.subject)}</title>
<style>${DARK_MODE}</style>
</head>
<body class="fl-page" style="margin:0;padding:0;background:#f6f8fa">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px;color:#f6f8fa">${escapeHtml(m.preheader)}</div>
<table role="presentation" class="fl-page" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f6f8fa">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" class="fl-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid ${LINE};border-radius:12px">
<tr><td style="padding:28px 24px 8px;font-family:${FONT}">
<h1 class="fl-ink" style="margin:0 0 18px;font-size:22px;line-height:1.3;font-weight:700;color:${INK}">${escapeHtml(m.heading)}</h1>
${paragraph(m.greeting)}
${m.paragraphs.map(paragraph).join('\n')}
${factsTable(m.facts)}
${button(m.button)}
${side}
</td></tr>
<tr><td class="fl-rule" style="padding:16px 24px 24px;border-top:1px solid ${LINE};font-family:${FONT}">
<p class="fl-muted" style="margin:0 0 8px;font-size:13px;line-height:1.5;color:${MUTED}">${escapeHtml(m.footer.why)}</p>
<p class="fl-muted" style="margin:0;font-size:13px;line-height:1.5;color:${MUTED}">${footerLinks}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
