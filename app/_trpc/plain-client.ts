'use client';
// A plain tRPC client (no react-query) for the shopper pages: the group page is opened from chat apps on
// phones, so it skips the react-query provider the merchant console uses and keeps its first load small.
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@/server/trpc/root';
import { apiLinks } from './links';

let client: TRPCClient<AppRouter> | undefined;

/** The browser's one plain client (created on first use). */
export function api(): TRPCClient<AppRouter> {
  client ??= createTRPCClient<AppRouter>({ links: apiLinks() });
  return client;
}
