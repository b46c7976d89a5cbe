'use client';
// The fields both notification settings forms share (the buyer's on /me/notifications, the merchant's on
// /merchant/notifications): checkbox toggles, the quiet-hours times, the time-zone select and the browser's
// own zone offered while none is saved. Edit here when a change should reach both forms; each form keeps its
// own sections and wording (catalog keys), binds its state once (`form`) and declares once (`look`) the
// classes where the two looks differ.
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';

/** The class names where the two forms' fields look different; each form declares its own once. */
export type FieldLook = { hint: string; label: string; input: string; select: string };

type QuietKey = 'quietStart' | 'quietEnd';

/** The browser's own time zone when the list knows it, else null. */
export function browserTimeZone(zones: readonly string[]): string | null {
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return zones.includes(tz) ? tz : null;
  } catch {
    return null;
  }
}

/** Puts the browser's zone in the settings while none is saved; says whether the shown zone came from it. */
export function useBrowserTimeZone<T extends { timeZone: string | null }>(
  saved: string | null,
  zones: readonly string[],
  setSettings: Dispatch<SetStateAction<T>>,
): [boolean, Dispatch<SetStateAction<boolean>>] {
  const [fromBrowser, setFromBrowser] = useState(false);
  // After hydration, so server and client render alike first.
  useEffect(() => {
    if (saved !== null) return;
    const tz = browserTimeZone(zones);
    if (tz) {
      setSettings((v) => ({ ...v, timeZone: tz }));
      setFromBrowser(true);
    }
  }, [saved, zones, setSettings]);
  return [fromBrowser, setFromBrowser];
}

/** A checkbox with its label and an optional hint it is described by. */
export function Toggle(p: {
  id: string;
  label: string;
  hint?: string;
  look: FieldLook;
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
        className="mt-1 size-5 shrink-0 accent-brand-600"
      />
      <div>
        <label htmlFor={p.id} className="font-medium">
          {p.label}
        </label>
        {p.hint && (
          <p id={`${p.id}-hint`} className={p.look.hint}>
            {p.hint}
          </p>
        )}
      </div>
    </div>
  );
}

/** One Toggle per boolean setting in `items`, in order, without a wrapper. */
export function Toggles<K extends string>(p: {
  items: readonly { key: K; id: string; label: string; hint?: string }[];
  form: { values: Record<K, boolean>; onChange: (key: K, v: boolean) => void };
  look: FieldLook;
}) {
  return (
    <>
      {p.items.map((item) => (
        <Toggle
          key={item.key}
          id={item.id}
          label={item.label}
          hint={item.hint}
          look={p.look}
          checked={p.form.values[item.key]}
          onChange={(v) => p.form.onChange(item.key, v)}
        />
      ))}
    </>
  );
}

/** The labelled "HH:MM" inputs `${idPrefix}-quietStart` and `-quietEnd`, each with its error. */
export function QuietHoursFields(p: {
  idPrefix: string;
  form: {
    values: Record<QuietKey, string>;
    errors: Partial<Record<QuietKey, string>>;
    onChange: (key: QuietKey, v: string) => void;
  };
  labels: { from: string; to: string };
  look: FieldLook;
}) {
  return (
    <>
      {(['quietStart', 'quietEnd'] as const).map((k) => {
        const id = `${p.idPrefix}-${k}`;
        const error = p.form.errors[k];
        return (
          <div key={k}>
            <label htmlFor={id} className={p.look.label}>
              {k === 'quietStart' ? p.labels.from : p.labels.to}
            </label>
            <input
              id={id}
              type="time"
              step={60}
              required
              value={p.form.values[k]}
              onChange={(e) => p.form.onChange(k, e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              className={p.look.input}
            />
            {error && (
              <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}

/** The time-zone select (UTC while none is chosen); `onPick` runs on a choice; label, hint are the form's. */
export function TimeZoneSelect(p: {
  id: string;
  zones: readonly string[];
  form: {
    values: { timeZone: string | null };
    errors: { timeZone?: string };
    onChange: (key: 'timeZone', v: string) => void;
  };
  onPick: () => void;
  describedBy?: string;
  look: FieldLook;
}) {
  return (
    <select
      id={p.id}
      value={p.form.values.timeZone ?? 'UTC'}
      onChange={(e) => {
        p.onPick();
        p.form.onChange('timeZone', e.target.value);
      }}
      aria-invalid={p.form.errors.timeZone ? true : undefined}
      aria-describedby={p.describedBy}
      className={p.look.select}
    >
      {p.zones.map((z) => (
        <option key={z} value={z}>
          {z.replaceAll('_', ' ')}
        </option>
      ))}
    </select>
  );
}
