'use client';
// The plain API client, loaded on first use (a join, a leave, the live stream) rather than with the page.
import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '@/server/trpc/root';

/** Loads the plain tRPC client on first call; later calls reuse it. */
export async function lazyApi(): Promise<TRPCClient<AppRouter>> {
  return (await import('./plain-client')).api();
}
