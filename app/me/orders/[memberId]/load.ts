import 'server-only';
// Loads the buyer's own order for the order page (once per request: the page and its metadata share it).
// The API answers NOT_FOUND to anyone but the buyer, and to malformed ids; the page then renders its 404.
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { serverCaller } from '@/app/_trpc/server';
import type { BuyerOrder } from '@/server/orders/get-buyer-order';

export type BuyerOrderPage = BuyerOrder;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const read = cache(async (memberId: string): Promise<BuyerOrderPage | null> => {
  if (!UUID.test(memberId)) return null;
  try {
    return await (await serverCaller()).orders.mine({ memberId });
  } catch (err) {
    if (err instanceof TRPCError && ['NOT_FOUND', 'UNAUTHORIZED', 'BAD_REQUEST'].includes(err.code))
      return null;
    throw err;
  }
});

/** The order of membership `memberId` when the viewer is its buyer; else null, or the 404 page. */
export async function loadOrder(memberId: string): Promise<BuyerOrderPage | null>;
export async function loadOrder(memberId: string, opts: { notFound: true }): Promise<BuyerOrderPage>;
export async function loadOrder(memberId: string, opts?: { notFound: true }): Promise<BuyerOrderPage | null> {
  const o = await read(memberId);
  if (!o && opts?.notFound) notFound();
  return o;
}
