// tRPC over HTTP (fetch adapter): queries, mutations and SSE subscriptions. Mutations (POST) from
// another site are refused before tRPC sees them.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { refuseCrossSite } from '@/server/http/same-origin';
import { createContext } from '@/server/trpc/init';
import { appRouter } from '@/server/trpc/root';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function handler(req: Request) {
  const refused = refuseCrossSite(req);
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
  });
}

export { handler as GET, handler as POST };
