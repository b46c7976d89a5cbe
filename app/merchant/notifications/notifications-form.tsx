'use client';
// The merchant's own notification settings: which notices (group won, group failed, daily summary), the
// channels, quiet hours, the time zone (taken from the browser while none is saved) and the mails' language.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { browserTimeZone } from '@/app/me/notifications/settings-form';
import { buttonClass, Field, inlineInputClass, inputClass } from '@/app/merchant/_components/field';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';
import { LOCALE_NAMES, LOCALES, type Locale } from '@/i18n/locales';

export type MerchantSettings = {
  merchantGroupWon: boolean;
  merchantGroupFailed: boolean;
  merchantDailySummary: boolean;
  emailEnabled: boolean;
  pushEnabled: boolean;
  /** "HH:MM". */
  quietStart: string;
  quietEnd: string;
  timeZone: string | null;
  locale: Locale;
};

const card = 'space-y-3 rounded-xl bg-white p-4 ring-1 ring-stone-200';

function Check(p: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={p.id}
        type="checkbox"
        checked={p.checked}
        onChange={(e) => p.onChange(e.target.checked)}
        aria-describedby={p.hint ? `${p.id}-hint` : undefined}
        className="mt-1 size-5 accent-brand-600"
      />
      <div>
        <label htmlFor={p.id} className="font-medium">
          {p.label}
        </label>
        {p.hint && (
          <p id={`${p.id}-hint`} className="text-sm text-stone-500">
            {p.hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** The form on /merchant/notifications; `summaryTime` is when the daily summary goes, as the reader writes a time. */
export function NotificationsForm({
  initial,
  zones,
  summaryTime,
}: {
  initial: MerchantSettings;
  zones: string[];
  summaryTime: string;
}) {
  const t = useTranslations('merchant.notifications');
  const tw = useTranslations('merchant.words');
  const trpc = useTRPC();
  const update = useMutation(trpc.notificationSettings.update.mutationOptions());
  const fields = errorFields(update.error);
  const [s, setS] = useState(initial);
  const [fromBrowser, setFromBrowser] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (initial.timeZone !== null) return;
    const tz = browserTimeZone(zones);
    if (tz) {
      setS((v) => ({ ...v, timeZone: tz }));
      setFromBrowser(true);
    }
  }, [initial.timeZone, zones]);

  const set = <K extends keyof MerchantSettings>(k: K, v: MerchantSettings[K]) => {
    setSaved(false);
    setS((old) => ({ ...old, [k]: v }));
  };

  async function submit() {
    setSaved(false);
    try {
      await update.mutateAsync(s);
      setSaved(true);
      setFromBrowser(false);
    } catch {
      // Shown from the mutation's error state.
    }
  }

  return (
    <form
      className="space-y-5"
      data-testid="merchant-notification-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <section className={card} aria-labelledby="mn-notices">
        <h2 id="mn-notices" className="font-semibold">
          {t('notices')}
        </h2>
        <Check
          id="mn-won"
          label={t('won')}
          checked={s.merchantGroupWon}
          onChange={(v) => set('merchantGroupWon', v)}
        />
        <Check
          id="mn-failed"
          label={t('failed')}
          checked={s.merchantGroupFailed}
          onChange={(v) => set('merchantGroupFailed', v)}
        />
        <Check
          id="mn-daily"
          label={t('daily', { time: summaryTime })}
          checked={s.merchantDailySummary}
          onChange={(v) => set('merchantDailySummary', v)}
        />
      </section>

      <section className={card} aria-labelledby="mn-channels">
        <h2 id="mn-channels" className="font-semibold">
          {t('channels')}
        </h2>
        <Check
          id="mn-email"
          label={t('email')}
          checked={s.emailEnabled}
          onChange={(v) => set('emailEnabled', v)}
        />
        <Check
          id="mn-push"
          label={t('push')}
          hint={t('pushHint')}
          checked={s.pushEnabled}
          onChange={(v) => set('pushEnabled', v)}
        />
        <Field label={t('language')} htmlFor="mn-locale" error={fields.locale}>
          <select
            id="mn-locale"
            value={s.locale}
            onChange={(e) => {
              const v = e.target.value;
              if (LOCALES.some((l) => l === v)) set('locale', v as Locale);
            }}
            className={inputClass}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </Field>
      </section>

      <section className={card} aria-labelledby="mn-quiet">
        <h2 id="mn-quiet" className="font-semibold">
          {t('quiet')}
        </h2>
        <p className="text-sm text-stone-500">{t('quietHint')}</p>
        <div className="flex flex-wrap gap-4">
          {(['quietStart', 'quietEnd'] as const).map((k) => (
            <Field
              key={k}
              label={k === 'quietStart' ? t('from') : t('to')}
              htmlFor={`mn-${k}`}
              error={fields[k]}
            >
              <input
                id={`mn-${k}`}
                type="time"
                step={60}
                required
                value={s[k]}
                onChange={(e) => set(k, e.target.value)}
                aria-invalid={fields[k] ? true : undefined}
                aria-describedby={fields[k] ? `mn-${k}-error` : undefined}
                className={inlineInputClass}
              />
            </Field>
          ))}
        </div>
        <Field
          label={t('timeZone')}
          htmlFor="mn-tz"
          error={fields.timeZone}
          hint={fromBrowser ? t('timeZoneFromBrowser') : t('timeZoneHint')}
        >
          <select
            id="mn-tz"
            value={s.timeZone ?? 'UTC'}
            onChange={(e) => {
              setFromBrowser(false);
              set('timeZone', e.target.value);
            }}
            aria-invalid={fields.timeZone ? true : undefined}
            className={inputClass}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </Field>
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={update.isPending} className={buttonClass.primary}>
          {update.isPending ? t('saving') : t('save')}
        </button>
        <p role="status" aria-live="polite" className="text-sm">
          {saved && <span className="text-green-800">{t('saved')}</span>}
          {update.error && (
            <span className="font-medium text-red-700">{errorMessage(update.error, tw('genericError'))}</span>
          )}
        </p>
      </div>
    </form>
  );
}
