'use client';
// Refund a captured member, fully or in part; the amount is typed as a decimal and parsed exactly.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import type { MerchantMember } from '@/server/merchant-console/get-group-for-merchant';
import { parseMoney } from '@/server/pricing';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';
import { money } from '@/app/merchant/_lib/format';
import { ConfirmDialog } from './confirm-dialog';
import { minorToInput } from './deal-form-model';
import { inputClass } from './field';

/** The refund dialog for `member` (closed when null). */
export function RefundDialog({
  member,
  currency,
  onClose,
}: {
  member: MerchantMember | null;
  currency: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refund = useMutation(trpc.merchantGroups.refundMember.mutationOptions());
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const m = member;
  const max = m?.refundable ?? 0;

  async function confirm() {
    if (!m) return;
    const minor = parseMoney(amount || minorToInput(max, currency), currency);
    if (minor === null || minor <= 0) return setError(`Enter an amount like ${minorToInput(max, currency)}.`);
    if (minor > max)
      return setError(
        `You can refund at most ${money(max, currency)}: that is what was captured and not yet refunded.`,
      );
    setError(null);
    try {
      await refund.mutateAsync({ memberId: m.id, amount: minor });
      await queryClient.invalidateQueries({ queryKey: trpc.console.pathKey() });
      close();
    } catch (err) {
      setError(errorFields(err).amount ?? errorMessage(err));
    }
  }

  function close() {
    setAmount('');
    setError(null);
    refund.reset();
    onClose();
  }

  return (
    <ConfirmDialog
      open={m !== null}
      title={m ? `Refund ${m.alias}` : 'Refund'}
      confirmLabel="Refund"
      busy={refund.isPending}
      error={error}
      onConfirm={() => void confirm()}
      onClose={close}
    >
      <p>
        Charged {money(m?.chargeAmount ?? 0, currency)}
        {m && m.refundedAmount > 0 ? `, already refunded ${money(m.refundedAmount, currency)}` : ''}. You can
        refund up to {money(max, currency)}.
      </p>
      <label htmlFor="refund-amount" className="block font-semibold text-stone-800">
        Amount to refund ({currency})
      </label>
      <input
        id="refund-amount"
        inputMode="decimal"
        value={amount}
        placeholder={minorToInput(max, currency)}
        onChange={(e) => setAmount(e.target.value)}
        aria-invalid={error ? true : undefined}
        className={inputClass}
      />
      <p className="text-xs text-stone-500">
        Leave it as is for a full refund. The money goes back to the buyer’s card.
      </p>
    </ConfirmDialog>
  );
}
