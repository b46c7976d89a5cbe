'use client';
// The deal editor's rewards section: the opener's reward (off by default: "if at least N join, the opener
// gets P% off their order", up to an optional cap), the helper-sellers' commission (a percent with up to
// two decimals) and the days after a charge before commissions are paid. Field ids follow the server's
// error keys (deal-openerReward.minMembers) so the editor can focus the first problem.
// Edit when a reward gains a setting.
import { useTranslations } from 'next-intl';
import { bpsToPercent, percentToBps, type RewardsForm } from './deal-form-model';
import { Field, inputClass } from './field';
import { useConsoleWords } from './use-console-words';
import { isCurrency, parseMoney } from '@/server/pricing';

type Props = {
  value: RewardsForm;
  currency: string;
  onChange: (next: RewardsForm, touchKey: string) => void;
  errorOf: (key: string) => string | undefined;
};

const WHOLE = /^\s*\d+\s*$/;

/** The rewards a deal offers the people who fill its groups, with the server's words on each field. */
export function RewardsFields({ value, currency, onChange, errorOf }: Props) {
  const t = useTranslations('merchant.rewards');
  const { money } = useConsoleWords();
  const set = (patch: Partial<RewardsForm>, touchKey: string) => onChange({ ...value, ...patch }, touchKey);

  const input = (
    key: 'openerMembers' | 'openerPercent' | 'openerCap' | 'commissionPercent' | 'commissionHoldDays',
    errorKey: string,
    label: string,
    opts: { hint?: string; inputMode: 'numeric' | 'decimal'; suffix?: string },
  ) => {
    const id = `deal-${errorKey}`;
    const err = errorOf(errorKey);
    return (
      <Field label={label} htmlFor={id} hint={opts.hint} error={err}>
        <div className="flex items-center gap-2">
          <input
            id={id}
            value={value[key]}
            inputMode={opts.inputMode}
            onChange={(e) => set({ [key]: e.target.value }, errorKey)}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `${id}-error` : undefined}
            className={`${inputClass} max-w-[10rem]`}
          />
          {opts.suffix ? <span className="text-sm text-stone-700">{opts.suffix}</span> : null}
        </div>
      </Field>
    );
  };

  // The reward in one sentence, once what was typed reads as one (the fields say what is wrong otherwise).
  const members = WHOLE.test(value.openerMembers) ? Number(value.openerMembers) : null;
  const percent = WHOLE.test(value.openerPercent) ? Number(value.openerPercent) : null;
  const cap =
    value.openerCap.trim() && isCurrency(currency) ? parseMoney(value.openerCap, currency) : undefined;
  // 'none' selects the catalog's wording without a limit.
  const capText = cap === undefined ? 'none' : cap === null ? null : money(cap, currency);
  const rewardSummary =
    value.openerOn && members !== null && members >= 2 && percent !== null && percent >= 1 && percent <= 100
      ? capText === null
        ? null
        : percent === 100
          ? t('openerFree', { members, cap: capText })
          : t('openerPercentOff', { members, percent, cap: capText })
      : null;
  const bps = percentToBps(value.commissionPercent);
  const commissionSummary =
    Number.isSafeInteger(bps) && bps > 0 && bps <= 3000
      ? t('commissionSummary', { percent: bpsToPercent(bps) })
      : Number.isSafeInteger(bps) && bps === 0
        ? t('commissionNone')
        : null;

  return (
    <fieldset className="space-y-3" data-testid="rewards">
      <legend className="mb-1 text-sm font-semibold text-stone-800">{t('legend')}</legend>
      <p className="text-sm text-stone-600">{t('intro')}</p>

      <div className="space-y-3 rounded-lg border border-stone-200 p-3">
        <label className="flex items-center gap-2 font-medium">
          <input
            type="checkbox"
            checked={value.openerOn}
            onChange={(e) => set({ openerOn: e.target.checked }, 'openerReward')}
            className="h-4 w-4 accent-brand-600"
          />
          {t('openerOn')}
        </label>
        {value.openerOn ? (
          <>
            <div className="grid gap-3 sm:grid-cols-3">
              {input('openerMembers', 'openerReward.minMembers', t('openerMembers'), {
                inputMode: 'numeric',
                hint: t('openerMembersHint'),
              })}
              {input('openerPercent', 'openerReward.percent', t('openerPercent'), {
                inputMode: 'numeric',
                suffix: '%',
                hint: t('openerPercentHint'),
              })}
              {input('openerCap', 'openerReward.cap', t('openerCap', { currency }), {
                inputMode: 'decimal',
                hint: t('openerCapHint'),
              })}
            </div>
            {rewardSummary ? (
              <p
                className="rounded-lg bg-stone-50 p-2 text-sm text-stone-800 ring-1 ring-stone-200"
                data-testid="opener-reward-summary"
                aria-live="polite"
              >
                {rewardSummary}
              </p>
            ) : null}
          </>
        ) : null}
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        {input('commissionPercent', 'commissionBps', t('commission'), {
          inputMode: 'decimal',
          suffix: '%',
          hint: t('commissionHint'),
        })}
        {input('commissionHoldDays', 'commissionHoldDays', t('holdDays'), {
          inputMode: 'numeric',
          hint: t('holdDaysHint'),
        })}
      </div>
      {commissionSummary ? (
        <p className="text-sm text-stone-700" data-testid="commission-summary" aria-live="polite">
          {commissionSummary}
        </p>
      ) : null}
    </fieldset>
  );
}
