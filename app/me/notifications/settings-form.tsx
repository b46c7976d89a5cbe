'use client';
// A buyer's notification preferences: channels, reminders, quiet hours and the time zone they are counted
// in (taken from the browser while none is saved). Saves through notificationSettings.update.
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import {
  type FieldLook,
  QuietHoursFields,
  TimeZoneSelect,
  Toggle,
  Toggles,
  useBrowserTimeZone,
} from '@/app/_components/notification-fields';
import { lazyApi } from '@/app/_trpc/lazy-api';
import { errorFields } from '@/app/merchant/_lib/errors';

export type BuyerSettings = {
  emailEnabled: boolean;
  pushEnabled: boolean;
  nudgesEnabled: boolean;
  /** "HH:MM". */
  quietStart: string;
  quietEnd: string;
  timeZone: string | null;
};

const card = 'rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200';
const input =
  'rounded-lg border border-stone-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600';
const look: FieldLook = {
  hint: 'text-sm text-stone-600',
  label: 'mb-1 block text-sm font-semibold',
  input,
  select: `block w-full ${input}`,
};

/** The form on /me/notifications. */
export function SettingsForm({
  initial,
  zones,
  rules,
}: {
  initial: BuyerSettings;
  zones: string[];
  rules: { perDay: number; gapHours: number };
}) {
  const t = useTranslations('me.notifications');
  const id = useId();
  const [s, setS] = useState(initial);
  // No zone saved yet: offer the browser's.
  const [fromBrowser, setFromBrowser] = useBrowserTimeZone(initial.timeZone, zones, setS);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const set = <K extends keyof BuyerSettings>(k: K, v: BuyerSettings[K]) => {
    setState('idle');
    setS((old) => ({ ...old, [k]: v }));
  };
  const form = { values: s, errors: fields, onChange: set };

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setState('saving');
    setFields({});
    setMessage(null);
    try {
      await (await lazyApi()).notificationSettings.update.mutate(s);
      setState('saved');
      setFromBrowser(false);
    } catch (err) {
      setFields(errorFields(err));
      setMessage(err instanceof Error && err.message ? err.message : t('failed'));
      setState('failed');
    }
  }

  return (
    <form onSubmit={save} className="mt-4 space-y-4" data-testid="notification-settings">
      <section className={card} aria-labelledby={`${id}-channels`}>
        <h2 id={`${id}-channels`} className="mb-3 font-semibold">
          {t('channels')}
        </h2>
        <div className="space-y-3">
          <Toggles
            items={[
              { key: 'emailEnabled', id: `${id}-email`, label: t('email'), hint: t('emailHint') },
              { key: 'pushEnabled', id: `${id}-push`, label: t('push'), hint: t('pushHint') },
            ]}
            form={form}
            look={look}
          />
        </div>
      </section>

      <section className={card} aria-labelledby={`${id}-nudges`}>
        <h2 id={`${id}-nudges`} className="mb-3 font-semibold">
          {t('nudges')}
        </h2>
        <Toggle
          id={`${id}-nudges-on`}
          label={t('nudgesLabel')}
          hint={t('nudgesHint', rules)}
          look={look}
          checked={s.nudgesEnabled}
          onChange={(v) => set('nudgesEnabled', v)}
        />
      </section>

      <section className={card} aria-labelledby={`${id}-quiet`}>
        <h2 id={`${id}-quiet`} className="font-semibold">
          {t('quiet')}
        </h2>
        <p className="mt-1 text-sm text-stone-600">{t('quietHint')}</p>
        <div className="mt-3 flex flex-wrap gap-4">
          <QuietHoursFields idPrefix={id} form={form} labels={{ from: t('from'), to: t('to') }} look={look} />
        </div>
        <div className="mt-4">
          <label htmlFor={`${id}-tz`} className={look.label}>
            {t('timeZone')}
          </label>
          <TimeZoneSelect
            id={`${id}-tz`}
            zones={zones}
            form={form}
            onPick={() => setFromBrowser(false)}
            describedBy={`${id}-tz-hint`}
            look={look}
          />
          <p
            id={`${id}-tz-hint`}
            className={`mt-1 text-sm ${fields.timeZone ? 'text-red-700' : 'text-stone-600'}`}
          >
            {fields.timeZone ?? (fromBrowser ? t('timeZoneFromBrowser') : t('timeZoneHint'))}
          </p>
        </div>
      </section>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={state === 'saving'}
          className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {state === 'saving' ? t('saving') : t('save')}
        </button>
        <p role="status" aria-live="polite" className="text-sm">
          {state === 'saved' && <span className="text-green-800">{t('saved')}</span>}
          {state === 'failed' && <span className="font-medium text-red-700">{message ?? t('failed')}</span>}
        </p>
      </div>
    </form>
  );
}
