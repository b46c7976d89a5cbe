'use client';
// The merchant's own notification settings: which notices (group won, group failed, daily summary), the
// channels, quiet hours, the time zone (taken from the browser while none is saved) and the mails' language.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import {
  type FieldLook,
  QuietHoursFields,
  TimeZoneSelect,
  Toggles,
  useBrowserTimeZone,
} from '@/app/_components/notification-fields';
import { useTRPC } from '@/app/_trpc/client';
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
const look: FieldLook = {
  hint: 'text-sm text-stone-500',
  label: 'mb-1 block text-sm font-semibold text-stone-800',
  input: inlineInputClass,
  select: inputClass,
};

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
  const [fromBrowser, setFromBrowser] = useBrowserTimeZone(initial.timeZone, zones, setS);
  const [saved, setSaved] = useState(false);

  const set = <K extends keyof MerchantSettings>(k: K, v: MerchantSettings[K]) => {
    setSaved(false);
    setS((old) => ({ ...old, [k]: v }));
  };
  const form = { values: s, errors: fields, onChange: set };

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
        <Toggles
          items={[
            { key: 'merchantGroupWon', id: 'mn-won', label: t('won') },
            { key: 'merchantGroupFailed', id: 'mn-failed', label: t('groupFailed') },
            { key: 'merchantDailySummary', id: 'mn-daily', label: t('daily', { time: summaryTime }) },
          ]}
          form={form}
          look={look}
        />
      </section>

      <section className={card} aria-labelledby="mn-channels">
        <h2 id="mn-channels" className="font-semibold">
          {t('channels')}
        </h2>
        <Toggles
          items={[
            { key: 'emailEnabled', id: 'mn-email', label: t('email') },
            { key: 'pushEnabled', id: 'mn-push', label: t('push'), hint: t('pushHint') },
          ]}
          form={form}
          look={look}
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
          <QuietHoursFields idPrefix="mn" form={form} labels={{ from: t('from'), to: t('to') }} look={look} />
        </div>
        <Field
          label={t('timeZone')}
          htmlFor="mn-tz"
          error={fields.timeZone}
          hint={fromBrowser ? t('timeZoneFromBrowser') : t('timeZoneHint')}
        >
          <TimeZoneSelect
            id="mn-tz"
            zones={zones}
            form={form}
            onPick={() => setFromBrowser(false)}
            look={look}
          />
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
