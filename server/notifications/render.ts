// Every notification in every form a channel needs: the e-mail's subject, HTML and text parts and the Web
// Push payload, in the reader's language, from the facts it is sent with. Pure: no database, no clock
// unless none is given. What each moment says lives in render/compose.ts, the mail layout in
// render/email-html.ts. Edit here only when a channel needs a new form.
import { composeMessage, type RenderOptions } from './render/compose';
import { emailHtml } from './render/email-html';
import { emailText } from './render/email-text';
import { pushPayload } from './render/push';
import type { NotificationContext, RenderedNotification } from './types';

export type { RenderOptions } from './render/compose';

/**
 * Renders `ctx` for e-mail and push. `now` (default: the current time) words a closing group's time left;
 * `timeZone` (the reader's IANA zone, default UTC; an unknown zone reads as UTC) words deadlines.
 */
export function renderNotification(
  ctx: NotificationContext,
  options: Partial<RenderOptions> = {},
): RenderedNotification {
  const m = composeMessage(ctx, { now: options.now ?? new Date(), timeZone: options.timeZone ?? 'UTC' });
  return {
    subject: m.subject,
    text: emailText(m),
    html: emailHtml(m, ctx.locale),
    push: pushPayload(m.push, ctx.links.primary),
  };
}
