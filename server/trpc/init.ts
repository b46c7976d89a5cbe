// tRPC init: context, error mapping (codes from server/errors.ts, words in the request's language from
// server/localize-error.ts), and the named procedures (public, authed, merchant).
// Edit when the context gains a field or a new kind of caller appears.
import { initTRPC, TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { merchants } from '@/db/schema';
import { getAuth } from '@/server/auth/auth';
import type { SessionUser } from '@/server/auth/session-user';
import { getDeps, type Deps } from '@/server/deps';
import { DomainError, fieldMessages, isRefusedValue, TRPC_CODE_OF } from '@/server/errors';
import { errorWordsIn, localizeError, requestLocale, sayIn } from '@/server/localize-error';
import { transformer } from './transformer';

export type Context = {
  deps: Deps;
  user: SessionUser | null;
  /** The merchant profile of the signed-in user, when they have one. */
  merchantId: string | null;
  headers: Headers | null;
};

/** Builds the context for an HTTP request from its session cookie. */
export async function createContext(opts: { headers: Headers }): Promise<Context> {
  const deps = getDeps();
  const s = await getAuth().api.getSession({ headers: opts.headers });
  const user: SessionUser | null = s
    ? {
        id: s.user.id,
        email: s.user.email,
        name: s.user.name,
        isAnonymous: Boolean((s.user as { isAnonymous?: boolean | null }).isAnonymous),
      }
    : null;
  let merchantId: string | null = null;
  if (user && !user.isAnonymous) {
    const [m] = await deps.db
      .select({ id: merchants.id })
      .from(merchants)
      .where(eq(merchants.userId, user.id))
      .limit(1);
    merchantId = m?.id ?? null;
  }
  return { deps, user, merchantId, headers: opts.headers };
}

const t = initTRPC.context<Context>().create({
  transformer,
  // Keep live group pages' SSE streams alive through proxies that close idle connections; the client
  // reconnects (resuming from the last event id) if it hears nothing for 20 s.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
  // Every refusal reaches the reader in their language (the request's locale); `fields` too.
  errorFormatter({ shape, error, ctx }) {
    const locale = requestLocale(ctx?.headers);
    const cause = error.cause;
    const domain = cause instanceof DomainError ? cause : null;
    const zodError = cause instanceof z.ZodError ? cause : null;
    const localized = domain ? localizeError(domain, locale) : null;
    // Never leak internals: unexpected errors reach the browser as one plain sentence.
    const message =
      localized?.message ??
      (error.code === 'INTERNAL_SERVER_ERROR'
        ? sayIn(locale, { key: 'request.internal' })
        : zodError
          ? sayIn(locale, { key: 'request.fieldsNeedAttention' })
          : shape.message);
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        domainCode: domain?.code ?? null,
        fields: localized?.fields ?? (zodError ? fieldMessages(zodError.issues, errorWordsIn(locale)) : null),
      },
    };
  },
});

/**
 * Maps a DomainError thrown by a service (or a refused input) to its tRPC code, with the message in the
 * request's language, so server callers and HTTP clients read the same sentence.
 */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const res = await next();
  if (res.ok) return res;
  const cause = res.error.cause;
  if (cause instanceof DomainError) {
    const { message } = localizeError(cause, requestLocale(ctx.headers));
    throw new TRPCError({ code: TRPC_CODE_OF[cause.code], message, cause });
  }
  // A refused input keeps its ZodError as the cause: the error formatter says each field's message.
  if (cause instanceof z.ZodError && res.error.code === 'BAD_REQUEST') {
    const message = sayIn(requestLocale(ctx.headers), { key: 'request.fieldsNeedAttention' });
    throw new TRPCError({ code: 'BAD_REQUEST', message, cause });
  }
  // Edge validation should stop such values; if one slips through it is still the sender's mistake, not a 5xx.
  if (isRefusedValue(cause)) {
    console.error('[trpc] a value reached PostgreSQL that the input schema should have refused', cause);
    const refused = new DomainError('INVALID_INPUT', 'request.unstorable');
    const { message } = localizeError(refused, requestLocale(ctx.headers));
    throw new TRPCError({ code: 'BAD_REQUEST', message, cause: refused });
  }
  if (res.error.code === 'INTERNAL_SERVER_ERROR') {
    console.error('[trpc]', cause ?? res.error);
  }
  return res;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/** A signed-in caller (buyers' anonymous sessions included). */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new DomainError('UNAUTHENTICATED', 'request.signInFirst');
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A signed-in merchant with a profile. */
export const merchantProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.merchantId) throw new DomainError('FORBIDDEN', 'request.merchantsOnly');
  return next({ ctx: { ...ctx, merchantId: ctx.merchantId } });
});
