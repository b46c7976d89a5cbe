// Who is asking: the signed-in person as services see them, built from the better-auth session by the
// tRPC context (server/trpc/init.ts). A type only, so any layer may import it. Edit when services need
// another field of the session's user.

/** The signed-in user a service acts for; `isAnonymous` marks a buyer's password-less session. */
export type SessionUser = { id: string; email: string; name: string; isAnonymous: boolean };
