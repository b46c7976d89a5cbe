import type { ConnectedAccountRow } from '@/db/schema';

/** A shop can be paid: Stripe lets its account take card payments and receive the transfers. */
export function canTakePayments(
  row: Pick<ConnectedAccountRow, 'chargesEnabled' | 'transfersActive'> | null,
): boolean {
  return Boolean(row?.chargesEnabled && row.transfersActive);
}

/** A helper-seller can be paid their commissions: transfers to their account are allowed. */
export function canReceiveTransfers(row: Pick<ConnectedAccountRow, 'transfersActive'> | null): boolean {
  return Boolean(row?.transfersActive);
}
