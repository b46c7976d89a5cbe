// better-auth setup: e-mail + password for merchants (with a password reset by e-mail), anonymous sessions
// for buyers (claimable with a magic link opened on any device: guest-claims.ts). Per-address limits key on the address our server entry computes from the socket
// (server/http/client-address.ts), never on a header the client wrote; password sign-in is also delayed
// per account (sign-in-throttle.ts). Edit when sign-in methods or limits change.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, getSessionFromCtx } from 'better-auth/api';
import { anonymous, magicLink } from 'better-auth/plugins';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import { account, session, user, verification } from '@/db/schema';
import { translator } from '@/i18n/translator';
import { appUrl, getEnv } from '@/server/env';
import { CLIENT_ADDRESS_HEADER } from '@/server/http/client-address';
import { requestOwnOrigin } from '@/server/http/same-origin';
import {
  claimGuestByToken,
  moveGuestMemberships,
  recordGuestClaim,
  SIGN_IN_LINK_SECONDS,
} from './guest-claims';
import { requestLocale, sendEmail } from './mailer';
import { authSecret } from './secret';
import { claimSignInAttempt, resetSignInFailures, tooManyAttemptsMessage } from './sign-in-throttle';

const PASSWORD_SIGN_IN = '/sign-in/email';
const MAGIC_LINK_VERIFY = '/magic-link/verify';
const signInBody = z.object({ email: z.string().min(1) });
const verifyQuery = z.object({ token: z.string().min(1) });
/** How long a password reset link stays valid. */
const RESET_LINK_SECONDS = 60 * 60;

export type AuthOptions = {
  db: Db;
  /** The clock of the per-account delay (tests move it). */
  now?: () => Date;
  /** better-auth's per-address limits; its default (on in production only) when unset. */
  rateLimit?: boolean;
};

/** A better-auth instance on `db`; the app uses getAuth(), tests build their own. */
export function createAuth({ db, now = () => new Date(), rateLimit }: AuthOptions) {
  const env = getEnv();
  return betterAuth({
    baseURL: appUrl(),
    secret: authSecret(),
    // The app is opened from any address (a LAN address too): a request's own origin is trusted, as in
    // server/http/same-origin.ts, which refuses everything else before better-auth sees it.
    trustedOrigins: (request) => [
      appUrl(),
      `http://127.0.0.1:${env.PORT}`,
      `http://localhost:${env.PORT}`,
      request ? requestOwnOrigin(request.headers) : null,
    ],
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      autoSignIn: true,
      resetPasswordTokenExpiresIn: RESET_LINK_SECONDS,
      // A new password signs every device out: whoever knew the old one is out too.
      revokeSessionsOnPasswordReset: true,
      // In the language of the page that asked for it.
      sendResetPassword: async ({ user: u, url }, request) => {
        const t = translator(requestLocale(request?.headers), 'mail.passwordReset');
        await sendEmail(db, { to: u.email, subject: t('subject'), body: t('body', { url }) });
      },
      // The reset proves the owner: forget the account's failed attempts so they can sign in at once.
      onPasswordReset: async ({ user: u }) => {
        await resetSignInFailures(db, u.email, now());
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      ...(rateLimit === undefined ? {} : { enabled: rateLimit }),
      // Many buyers share one address (office Wi-Fi, carrier NAT) and a group fills in minutes: guest
      // sessions get a roomy per-address budget; password sign-in keeps better-auth's strict default.
      customRules: { '/sign-in/anonymous': { window: 60, max: 120 } },
    },
    advanced: {
      useSecureCookies: appUrl().startsWith('https://'),
      // Only our own header: tools/server.ts overwrites it on every request from the socket.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
    },
    hooks: {
      // Each password attempt takes a slot on its account first; a refused one is a 429 with Retry-After.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== PASSWORD_SIGN_IN) return;
        const body = signInBody.safeParse(ctx.body);
        if (!body.success) return;
        const claim = await claimSignInAttempt(db, body.data.email, now());
        if (claim.ok) return;
        throw new APIError(
          'TOO_MANY_REQUESTS',
          { message: tooManyAttemptsMessage(claim.retryAfterSeconds), code: 'TOO_MANY_PASSWORD_ATTEMPTS' },
          { 'Retry-After': String(claim.retryAfterSeconds) },
        );
      }),
      after: createAuthMiddleware(async (ctx) => {
        const signedIn = ctx.context.newSession;
        if (!signedIn) return;
        // A session means the password was right: forget the account's failures.
        if (ctx.path === PASSWORD_SIGN_IN) {
          const body = signInBody.safeParse(ctx.body);
          if (body.success) await resetSignInFailures(db, body.data.email, now());
        }
        // A sign-in link asked for from a guest session, opened in any browser: the guest's groups follow.
        if (ctx.path === MAGIC_LINK_VERIFY) {
          const query = verifyQuery.safeParse(ctx.query);
          if (query.success)
            await claimGuestByToken(db, {
              token: query.data.token,
              userId: signedIn.user.id,
              email: signedIn.user.email,
              now: now(),
            });
        }
      }),
    },
    plugins: [
      anonymous({
        emailDomainName: 'buyers.flock.invalid',
        // Keep the anonymous user row: its memberships move to the claimed account first.
        disableDeleteAnonymousUser: true,
        onLinkAccount: async ({ anonymousUser, newUser }) => {
          await moveGuestMemberships(db, anonymousUser.user.id, newUser.user.id);
        },
      }),
      magicLink({
        expiresIn: SIGN_IN_LINK_SECONDS,
        sendMagicLink: async ({ email, url, token }, ctx) => {
          // Asked for from a guest session: remember whose groups the link carries, for any device.
          const asking = ctx ? await getSessionFromCtx(ctx, { disableRefresh: true }) : null;
          if (asking?.user.isAnonymous)
            await recordGuestClaim(db, { token, email, guestUserId: asking.user.id, now: now() });
          const t = translator(requestLocale(ctx?.request?.headers ?? ctx?.headers), 'mail.signInLink');
          await sendEmail(db, { to: email, subject: t('subject'), body: t('body', { url }) });
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
let shared: Auth | undefined;

/** The process-wide better-auth instance. */
export function getAuth(): Auth {
  shared ??= createAuth({ db: getDb() });
  return shared;
}
