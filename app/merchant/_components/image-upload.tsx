'use client';
// Uploads one image to /api/merchant/upload and reports its URL; shows the server's reason on refusal.
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';

/** A file picker with a preview; `onChange(null)` removes the image. */
export function ImageUpload({
  label,
  value,
  onChange,
  id,
}: {
  label: string;
  value: string | null;
  onChange: (url: string | null) => void;
  id: string;
}) {
  const t = useTranslations('merchant.upload');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  async function upload(file: File) {
    setBusy(true);
    setError(null);
    const body = new FormData();
    body.set('file', file);
    try {
      const res = await fetch('/api/merchant/upload', { method: 'POST', body });
      const data = (await res.json().catch(() => ({}))) as { url?: string; error?: string };
      if (!res.ok || !data.url) setError(data.error ?? t('failed'));
      else onChange(data.url);
    } catch {
      setError(t('offline'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold text-stone-800">
        {label}
      </label>
      <div className="flex items-center gap-3">
        {value ? (
          <img src={value} alt="" className="h-16 w-16 rounded-lg border border-stone-200 object-cover" />
        ) : (
          <div
            aria-hidden
            className="flex h-16 w-16 items-center justify-center rounded-lg border border-dashed border-stone-300 text-xs text-stone-600"
          >
            {t('noImage')}
          </div>
        )}
        <div className="min-w-0 flex-1">
          <input
            id={id}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-describedby={`${hintId}${error ? ` ${id}-error` : ''}`}
            aria-invalid={error ? true : undefined}
            disabled={busy}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void upload(f);
              e.currentTarget.value = '';
            }}
            className="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-stone-200 file:px-3 file:py-2 file:text-sm file:font-semibold"
          />
          <p id={hintId} className="mt-1 text-xs text-stone-500">
            {busy ? t('uploading') : t('hint')}
          </p>
          {value ? (
            <button
              type="button"
              onClick={() => onChange(null)}
              className="mt-1 text-xs font-semibold text-stone-600 underline"
            >
              {t('remove')}
            </button>
          ) : null}
        </div>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
