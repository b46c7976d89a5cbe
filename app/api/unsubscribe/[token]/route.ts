// One-click unsubscribe (RFC 8058): a mail provider POSTs `List-Unsubscribe=One-Click` (form-encoded or
// multipart, with no Origin and no cookies) to the URL in a mail's List-Unsubscribe header. The signed token
// in the path is the only credential, so the same-origin guard does not apply (server/http/same-origin.ts).
// The /u/<token> page's button POSTs here too, and its undo sends `undo=1`. A bad token is a 400 with a
// sentence in the reader's language, never a 5xx. GET never changes anything: it shows the page.
// Edit when the one-click contract changes.
import { NextResponse } from 'next/server';
import { getDeps } from '@/server/deps';
import { isDomainError } from '@/server/errors';
import { localizeError, requestLocale, sayIn } from '@/server/localize-error';
import { applyUnsubscribe } from '@/server/notifications/apply-unsubscribe';

type Ctx = { params: Promise<{ token: string }> };

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

/** Whether the body asks to turn the thing back on (the page's undo); an unreadable body is a plain one-click. */
async function asksUndo(req: Request): Promise<boolean> {
  try {
    return (await req.formData()).get('undo') === '1';
  } catch {
    return false;
  }
}

/** Applies the token's one action (or its undo) and answers a short sentence. */
export async function POST(req: Request, { params }: Ctx): Promise<Response> {
  const { token } = await params;
  const locale = requestLocale(req.headers);
  const undo = await asksUndo(req);
  try {
    await applyUnsubscribe(getDeps(), token, { undo });
  } catch (err) {
    if (!isDomainError(err)) throw err;
    return new Response(localizeError(err, locale).message, { status: 400, headers: TEXT });
  }
  const said = sayIn(locale, { key: undo ? 'notify.undone' : 'notify.unsubscribed' });
  return new Response(said, { status: 200, headers: TEXT });
}

/** A person who opened the one-click address in a browser sees the page that asks first. */
export async function GET(req: Request, { params }: Ctx): Promise<Response> {
  const { token } = await params;
  return NextResponse.redirect(new URL(`/u/${encodeURIComponent(token)}`, req.url), 303);
}
