'use client';
// Mute or unmute reminders about one group (on /me's open groups and /me/notifications' muted list). Its
// words come rendered from the server page, so it needs no message provider of its own.
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';

export type MuteWords = { mute: ReactNode; unmute: ReactNode; mutedNote: string; failed: string };

/** A "Mute reminders" / "Unmute" toggle for `groupId`; refreshes the page when done. */
export function MuteButton({ groupId, muted, words }: { groupId: string; muted: boolean; words: MuteWords }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    setError(null);
    setBusy(true);
    try {
      const api = await lazyApi();
      if (muted) await api.notificationSettings.unmute.mutate({ groupId });
      else await api.notificationSettings.mute.mutate({ groupId });
      router.refresh();
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : words.failed);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-sm" data-testid="mute-group">
      {muted && <span className="text-stone-600">{words.mutedNote}</span>}
      <button
        type="button"
        onClick={toggle}
        disabled={busy}
        aria-pressed={muted}
        className="font-semibold text-stone-700 underline hover:text-stone-950 disabled:opacity-60"
      >
        {muted ? words.unmute : words.mute}
      </button>
      {error && (
        <p role="alert" className="w-full font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
