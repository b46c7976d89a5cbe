// A room's place-holders while it is not ready: "loading" and "could not load, retry". Shared by the
// member room, its lazy loader and the staff inbox; needs the `rooms` namespace. Edit with their looks.
import { useTranslations } from 'next-intl';

/** The room is loading. */
export function RoomLoading() {
  const t = useTranslations('rooms.panel');
  return (
    <p className="rounded-2xl bg-white p-4 text-sm text-stone-600 ring-1 ring-stone-200" role="status">
      {t('loading')}
    </p>
  );
}

/**
 * The room is loading, or could not load: the server's words (else `loadFailed`) and a retry button
 * (`retryLabel`, styled by `retryClassName`); the member room's words and look unless told.
 */
export function RoomNotReady({
  state,
  onRetry,
  loadFailed,
  retryLabel,
  retryClassName = 'mt-2 rounded-lg px-3 py-1.5 text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-100',
}: {
  state: { phase: 'loading' } | { phase: 'failed'; message: string | null };
  onRetry: () => void;
  loadFailed?: string;
  retryLabel?: string;
  retryClassName?: string;
}) {
  const t = useTranslations('rooms.panel');
  if (state.phase === 'loading') return <RoomLoading />;
  return (
    <div className="rounded-2xl bg-white p-4 ring-1 ring-stone-200" role="alert">
      <p className="text-sm text-stone-800">{state.message ?? loadFailed ?? t('loadFailed')}</p>
      <button type="button" onClick={onRetry} className={retryClassName}>
        {retryLabel ?? t('retry')}
      </button>
    </div>
  );
}
