'use client';
// The shop's payment settings: days to fix a refused payment (1-14) and the wallets paid at once at join.
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass } from '@/app/merchant/_components/field';
import { useConsoleWords } from '@/app/merchant/_components/use-console-words';
import { errorMessage } from '@/app/merchant/_lib/errors';
import type { PaymentSettings } from '@/server/merchants/payment-settings';

export function PaymentSettingsForm({ initial }: { initial: PaymentSettings }) {
  const { t } = useConsoleWords();
  const id = useId();
  const trpc = useTRPC();
  const [days, setDays] = useState(String(initial.paymentFixDays));
  const [wechat, setWechat] = useState(initial.payNowMethods.includes('wechat_pay'));
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.recovery.updateSettings.mutationOptions({ onSuccess: () => setSaved(true) }));
  return (
    <form
      className="max-w-lg space-y-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      aria-labelledby={`${id}-h`}
      data-testid="payment-settings"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        save.mutate({ paymentFixDays: Number(days), payNowMethods: wechat ? ['wechat_pay'] : [] });
      }}
    >
      <h2 id={`${id}-h`} className="text-lg font-bold">
        {t('payments.settings.title')}
      </h2>
      <div>
        <label htmlFor={`${id}-days`} className="block font-medium">
          {t('payments.settings.fixDays')}
        </label>
        <input
          id={`${id}-days`}
          type="number"
          inputMode="numeric"
          min={1}
          max={14}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          aria-describedby={`${id}-days-help`}
          className="mt-1 block w-24 rounded-lg border border-stone-400 px-3 py-2 text-base"
        />
        <p id={`${id}-days-help`} className="mt-1 text-sm text-stone-600">
          {t('payments.settings.fixDaysHelp')}
        </p>
      </div>
      <fieldset>
        <legend className="font-medium">{t('payments.settings.wallets')}</legend>
        <p className="text-sm text-stone-600">{t('payments.settings.walletsHelp')}</p>
        <label className="mt-2 flex items-center gap-2">
          <input
            type="checkbox"
            checked={wechat}
            onChange={(e) => setWechat(e.target.checked)}
            className="h-4 w-4 accent-brand-600"
          />
          {t('payments.settings.wechatPay')}
        </label>
      </fieldset>
      {save.error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {errorMessage(save.error, t('words.genericError'))}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={save.isPending}>
          {save.isPending ? t('payments.settings.saving') : t('payments.settings.save')}
        </button>
        {saved && !save.isPending ? (
          <span role="status" className="text-sm text-green-800">
            {t('payments.settings.saved')}
          </span>
        ) : null}
      </div>
    </form>
  );
}
