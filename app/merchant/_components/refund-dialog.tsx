'use client';
// Refund a captured member, fully or in part; the amount is typed as a decimal and parsed exactly.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import type { MerchantMember } from '@/server/merchant-console/get-group-for-merchant';
import { parseMoney } from '@/server/pricing';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';
import { ConfirmDialog } from './confirm-dialog';
import { minorToInput } from './deal-form-model';
import { inputClass } from './field';
import { useConsoleWords } from './use-console-words';

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
  const { t, money } = useConsoleWords();
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
    if (minor === null || minor <= 0)
      return setError(t('refund.enterAmount', { example: minorToInput(max, currency) }));
    if (minor > max) return setError(t('refund.tooMuch', { max: money(max, currency) }));
    setError(null);
    try {
      await refund.mutateAsync({ memberId: m.id, amount: minor });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.console.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.payouts.pathKey() }),
      ]);
      close();
    } catch (err) {
      setError(errorFields(err).amount ?? errorMessage(err, t('words.genericError')));
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
      title={m ? t('refund.title', { alias: m.alias }) : t('refund.titlePlain')}
      confirmLabel={t('refund.confirm')}
      busy={refund.isPending}
      error={error}
      onConfirm={() => void confirm()}
      onClose={close}
    >
      <p>
        {m && m.refundedAmount > 0
          ? t('refund.chargedAndRefunded', {
              charged: money(m.chargeAmount ?? 0, currency),
              refunded: money(m.refundedAmount, currency),
              max: money(max, currency),
            })
          : t('refund.charged', {
              charged: money(m?.chargeAmount ?? 0, currency),
              max: money(max, currency),
            })}
      </p>
      <label htmlFor="refund-amount" className="block font-semibold text-stone-800">
        {t('refund.amountLabel', { currency })}
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
      <p className="text-xs text-stone-500">{t('refund.amountHint')}</p>
    </ConfirmDialog>
  );
}
