import 'server-only';
// Server components call procedures directly (no HTTP) with the request's session.
import { headers } from 'next/headers';
import { cache } from 'react';
import { createContext } from '@/server/trpc/init';
import { createCaller } from '@/server/trpc/root';

/** A tRPC caller for the current request (memoised per request). */
export const serverCaller = cache(async () => {
  const h = await headers();
  return createCaller(await createContext({ headers: new Headers(h) }));
});
