'use client';
// Re-fetches the console's reads whenever the live feed reports a change on one of the merchant's deals.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLiveMerchant } from '@/app/_components/use-live-merchant';
import { useTRPC } from '@/app/_trpc/client';

/** Keeps every console query fresh without a reload; returns the feed's connection state. */
export function useConsoleLive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refetch = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.console.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
    // A group's money table and the shop's report change with every charge and refund.
    void queryClient.invalidateQueries({ queryKey: trpc.payouts.pathKey() });
  }, [queryClient, trpc]);
  return useLiveMerchant(refetch);
}
