'use client';
// Refund a captured member, fully or in part; the amount is typed as a decimal and parsed exactly.
import type { MerchantMember } from '@/server/merchant-console/get-group-for-merchant';
import { parseMoney } from '@/server/pricing';
import { useState } from 'react';
import { money } from '../_lib/format';
import { ConfirmDialog } from './confirm-dialog';
import { minorToInput } from './deal-form-model';
import { inputClass } from './field';

/** The refund dialog for `member` (closed when null). */
export function RefundDialog({ member, currency, onClose }: { member: MerchantMember | null; currency: string; groupId: string; onClose: () => void }) {
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const m = member;
  const max = m?.refundable ?? 0;

  async function confirm() {
    if (!m) return;
    const minor = parseMoney(amount || minorToInput(max, currency), currency);
    if (minor === null || minor <= 0) return setError(`Enter an amount like ${minorToInput(max, currency)}.`);
    if (minor > max) return setError(`You can refund at most ${money(max, currency)}: that is what was captured and not yet refunded.`);
    setBusy(true);
    setError('Refunds are not available yet.');
    setBusy(false);
  }

  return (
    <ConfirmDialog
      open={m !== null}
      title={m ? `Refund ${m.alias}` : 'Refund'}
      confirmLabel="Refund"
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onClose={() => {
        setAmount('');
        setError(null);
        onClose();
      }}
    >
      <p>
        Charged {money(m?.chargeAmount ?? 0, currency)}
        {m && m.refundedAmount > 0 ? `, already refunded ${money(m.refundedAmount, currency)}` : ''}. You can refund up to {money(max, currency)}.
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
        className={inputClass}
      />
      <p className="text-xs text-stone-500">Leave it as is for a full refund. The money goes back to the buyer’s card.</p>
    </ConfirmDialog>
  );
}
