'use client';
// Copies text to the clipboard and says so (visibly and to screen readers).
import { useTranslations } from 'next-intl';
import { useState } from 'react';

/** A button that copies `text` and shows "Copied" for a moment (`label` defaults to "Copy link"). */
export function CopyButton({ text, label, className }: { text: string; label?: string; className?: string }) {
  const t = useTranslations('group.copy');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  }
  return (
    <>
      <button
        type="button"
        onClick={copy}
        className={
          className ??
          'shrink-0 rounded-lg bg-stone-900 px-3 py-2 text-sm font-semibold text-white hover:bg-stone-700'
        }
      >
        {state === 'copied' ? t('copied') : (label ?? t('copyLink'))}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === 'copied' ? t('announceCopied') : state === 'failed' ? t('announceFailed') : ''}
      </span>
    </>
  );
}
