'use client';
// The merchant console's change feed: calls back once per burst of changes on the merchant's deals, so
// the console can re-fetch what it shows. Edit when the feed's payload changes.
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import type { MerchantLiveEvent } from '@/server/live/stream-merchant';
import { useTRPC } from '@/app/_trpc/client';

export type { MerchantLiveEvent };

export type LiveMerchant = { connected: boolean; lastEventAt: Date | null };

/** Calls `onEvent` whenever something changes on one of the signed-in merchant's deals (type 'resync' = re-fetch everything). */
export function useLiveMerchant(
  onEvent: (e: MerchantLiveEvent) => void,
  opts: { enabled?: boolean } = {},
): LiveMerchant {
  const trpc = useTRPC();
  // Keep the latest callback without restarting the subscription on every render.
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);
  const [lastEventAt, setLastEventAt] = useState<Date | null>(null);
  const sub = useSubscription(
    trpc.live.merchant.subscriptionOptions(
      {},
      {
        enabled: opts.enabled ?? true,
        onData: (msg) => {
          setLastEventAt(new Date());
          handler.current(msg.data);
        },
      },
    ),
  );
  return { connected: sub.status === 'pending', lastEventAt };
}
