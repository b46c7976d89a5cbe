// better-auth setup: e-mail + password for merchants, anonymous sessions for buyers (claimable with a
// magic link). Edit when sign-in methods change.
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { anonymous, magicLink } from 'better-auth/plugins';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { account, members, session, user, verification } from '@/db/schema';
import { appUrl, getEnv } from '../env';
import { sendEmail } from './mailer';

function createAuth() {
  const db = getDb();
  const env = getEnv();
  return betterAuth({
    baseURL: appUrl(),
    secret:
      env.BETTER_AUTH_SECRET ??
      (env.NODE_ENV === 'production' ? undefined : 'flock-development-secret-not-for-production'),
    trustedOrigins: [appUrl(), `http://127.0.0.1:${env.PORT}`, `http://localhost:${env.PORT}`],
    database: drizzleAdapter(db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    rateLimit: {
      // Many buyers share one address (office Wi-Fi, carrier NAT) and a group fills in minutes: guest
      // sessions get a roomy per-address budget; password sign-in keeps better-auth's strict default.
      customRules: { '/sign-in/anonymous': { window: 60, max: 120 } },
    },
    advanced: { useSecureCookies: appUrl().startsWith('https://') },
    plugins: [
      anonymous({
        emailDomainName: 'buyers.flock.invalid',
        // Keep the anonymous user row: its memberships move to the claimed account first.
        disableDeleteAnonymousUser: true,
        onLinkAccount: async ({ anonymousUser, newUser }) => {
          await db
            .update(members)
            .set({ userId: newUser.user.id })
            .where(eq(members.userId, anonymousUser.user.id));
        },
      }),
      magicLink({
        sendMagicLink: async ({ email, url }) => {
          await sendEmail(db, {
            to: email,
            subject: 'Your Flock sign-in link',
            body: `Open this link to keep your Flock groups on this e-mail address:\n\n${url}\n\nIf you did not ask for it, ignore this message.`,
          });
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
let shared: Auth | undefined;

/** The process-wide better-auth instance. */
export function getAuth(): Auth {
  shared ??= createAuth();
  return shared;
}
