'use client';
// A buyer's notification preferences: channels, reminders, quiet hours and the time zone they are counted
// in (taken from the browser while none is saved). Saves through notificationSettings.update.
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
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

/** The browser's own time zone when the list knows it, else null. */
export function browserTimeZone(zones: readonly string[]): string | null {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zones.includes(tz) ? tz : null;
  } catch {
    return null;
  }
}

function Toggle(p: {
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
          <p id={`${p.id}-hint`} className="text-sm text-stone-600">
            {p.hint}
          </p>
        )}
      </div>
    </div>
  );
}

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
  const [fromBrowser, setFromBrowser] = useState(false);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  // No zone saved yet: offer the browser's (after hydration, so server and client render alike first).
  useEffect(() => {
    if (initial.timeZone !== null) return;
    const tz = browserTimeZone(zones);
    if (tz) {
      setS((v) => ({ ...v, timeZone: tz }));
      setFromBrowser(true);
    }
  }, [initial.timeZone, zones]);

  const set = <K extends keyof BuyerSettings>(k: K, v: BuyerSettings[K]) => {
    setState('idle');
    setS((old) => ({ ...old, [k]: v }));
  };

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

  const zoneValue = s.timeZone ?? 'UTC';
  return (
    <form onSubmit={save} className="mt-4 space-y-4" data-testid="notification-settings">
      <section className={card} aria-labelledby={`${id}-channels`}>
        <h2 id={`${id}-channels`} className="mb-3 font-semibold">
          {t('channels')}
        </h2>
        <div className="space-y-3">
          <Toggle
            id={`${id}-email`}
            label={t('email')}
            hint={t('emailHint')}
            checked={s.emailEnabled}
            onChange={(v) => set('emailEnabled', v)}
          />
          <Toggle
            id={`${id}-push`}
            label={t('push')}
            hint={t('pushHint')}
            checked={s.pushEnabled}
            onChange={(v) => set('pushEnabled', v)}
          />
        </div>
      </section>

      <section className={card} aria-labelledby={`${id}-nudges`}>
        <h2 id={`${id}-nudges`} className="mb-3 font-semibold">
          {t('nudges')}
        </h2>
        <Toggle
          id={`${id}-nudges`}
          label={t('nudgesLabel')}
          hint={t('nudgesHint', rules)}
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
          {(['quietStart', 'quietEnd'] as const).map((k) => (
            <div key={k}>
              <label htmlFor={`${id}-${k}`} className="mb-1 block text-sm font-semibold">
                {k === 'quietStart' ? t('from') : t('to')}
              </label>
              <input
                id={`${id}-${k}`}
                type="time"
                step={60}
                required
                value={s[k]}
                onChange={(e) => set(k, e.target.value)}
                aria-invalid={fields[k] ? true : undefined}
                aria-describedby={fields[k] ? `${id}-${k}-error` : undefined}
                className={input}
              />
              {fields[k] && (
                <p id={`${id}-${k}-error`} className="mt-1 text-sm text-red-700">
                  {fields[k]}
                </p>
              )}
            </div>
          ))}
        </div>
        <div className="mt-4">
          <label htmlFor={`${id}-tz`} className="mb-1 block text-sm font-semibold">
            {t('timeZone')}
          </label>
          <select
            id={`${id}-tz`}
            value={zoneValue}
            onChange={(e) => {
              setFromBrowser(false);
              set('timeZone', e.target.value);
            }}
            aria-invalid={fields.timeZone ? true : undefined}
            aria-describedby={`${id}-tz-hint`}
            className={`block w-full ${input}`}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
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
