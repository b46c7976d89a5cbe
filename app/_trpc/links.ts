// The browser's tRPC links: batched HTTP for queries and mutations, SSE for subscriptions (resuming from
// the last tracked event id after a drop). Shared by the react-query client and the plain client.
import { httpBatchLink, httpSubscriptionLink, splitLink, type TRPCLink } from '@trpc/client';
import superjson from 'superjson';
import { pageLocaleHeaders } from '@/i18n/page-locale';
import type { AppRouter } from '@/server/trpc/root';

/** The links every browser client of the API uses. */
export function apiLinks(): TRPCLink<AppRouter>[] {
  return [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/api/trpc', transformer: superjson }),
      false: httpBatchLink({ url: '/api/trpc', transformer: superjson, headers: pageLocaleHeaders }),
    }),
  ];
}
