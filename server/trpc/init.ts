// tRPC init: context, error mapping (codes from server/errors.ts), and the named procedures (public, authed,
// merchant).
// Edit when the context gains a field or a new kind of caller appears.
import { initTRPC, TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { z } from 'zod';
import { merchants } from '@/db/schema';
import { getAuth } from '@/server/auth/auth';
import type { SessionUser } from '@/server/auth/session-user';
import { getDeps, type Deps } from '@/server/deps';
import { DomainError, fieldMessages, isRefusedValue, TRPC_CODE_OF } from '@/server/errors';

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
  transformer: superjson,
  // Keep live group pages' SSE streams alive through proxies that close idle connections; the client
  // reconnects (resuming from the last event id) if it hears nothing for 20 s.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 20_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const domain = cause instanceof DomainError ? cause : null;
    const zodError = cause instanceof z.ZodError ? cause : null;
    // Never leak internals: unexpected errors reach the browser as one plain sentence.
    const message =
      error.code === 'INTERNAL_SERVER_ERROR' && !domain
        ? 'Something went wrong on our side. Please try again.'
        : zodError
          ? 'Some fields need attention.'
          : shape.message;
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        domainCode: domain?.code ?? null,
        fields: domain?.fields ?? (zodError ? fieldMessages(zodError.issues) : null),
      },
    };
  },
});

/** Maps a DomainError thrown by a service to its tRPC code, keeping the message. */
const domainErrors = t.middleware(async ({ next }) => {
  const res = await next();
  if (!res.ok && res.error.cause instanceof DomainError) {
    const d = res.error.cause;
    throw new TRPCError({ code: TRPC_CODE_OF[d.code], message: d.message, cause: d });
  }
  // Edge validation should stop such values; if one slips through it is still the sender's mistake, not a 5xx.
  if (!res.ok && isRefusedValue(res.error.cause)) {
    console.error(
      '[trpc] a value reached PostgreSQL that the input schema should have refused',
      res.error.cause,
    );
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'Some of what you sent cannot be stored. Remove unusual characters and try again.',
      cause: new DomainError(
        'INVALID_INPUT',
        'Some of what you sent cannot be stored. Remove unusual characters and try again.',
      ),
    });
  }
  if (!res.ok && res.error.code === 'INTERNAL_SERVER_ERROR' && !(res.error.cause instanceof DomainError)) {
    console.error('[trpc]', res.error.cause ?? res.error);
  }
  return res;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(domainErrors);

/** A signed-in caller (buyers' anonymous sessions included). */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in first.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A signed-in merchant with a profile. */
export const merchantProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.merchantId)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This is for merchants. Sign in with your merchant account.',
    });
  return next({ ctx: { ...ctx, merchantId: ctx.merchantId } });
});
