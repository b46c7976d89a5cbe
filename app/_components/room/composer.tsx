'use client';
// The message box of a room: a textarea with a 2,000-character counter, Enter to send and Shift+Enter for
// a new line (never while an input method is composing Chinese or Japanese), the server's refusal in words,
// the slow-mode countdown, and a reason in place of the box when the reader may not post. The cursor stays
// in the box after sending. Shared by the member room and the staff inbox.
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { MAX_MESSAGE_CHARS, messageLength } from './message-length';

// The counter's rule, for the staff inbox's composer too.
export { MAX_MESSAGE_CHARS, messageLength };

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The composer. `send` posts the text with an idempotency key and answers null, or the refusal in words;
 * `disabledReason` replaces the box (muted, closed, removed); `waitSeconds` counts down slow mode.
 */
export function Composer({
  send,
  disabledReason,
  slowModeSeconds,
  waitSeconds,
  initialText = '',
}: {
  send: (body: string, clientKey: string) => Promise<string | null>;
  disabledReason: string | null;
  slowModeSeconds: number;
  waitSeconds: number;
  /** Text to start from (the staff inbox's saved replies put theirs here). */
  initialText?: string;
}) {
  const t = useTranslations('rooms.composer');
  const id = useId();
  const [text, setText] = useState(initialText);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  // One key per message: a retry after a dropped answer is the same message, not a second one.
  const key = useRef<string>('');
  useEffect(() => setText(initialText), [initialText]);

  const length = messageLength(text);
  const left = MAX_MESSAGE_CHARS - length;

  async function submit() {
    if (pending || waitSeconds > 0) return;
    if (length === 0) {
      setError(t('empty'));
      return;
    }
    if (left < 0) {
      setError(t('over', { count: -left }));
      return;
    }
    key.current ||= newKey();
    setPending(true);
    setError(null);
    try {
      const refused = await send(text, key.current);
      if (refused === null) {
        setText('');
        key.current = '';
      } else setError(refused);
    } catch {
      setError(t('failed'));
    } finally {
      setPending(false);
      box.current?.focus();
    }
  }

  if (disabledReason)
    return (
      <p className="rounded-xl bg-stone-100 p-3 text-sm text-stone-700" data-testid="room-composer-off">
        {disabledReason}
      </p>
    );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="space-y-1"
      data-testid="room-composer"
    >
      <label htmlFor={`${id}-body`} className="sr-only">
        {t('label')}
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id={`${id}-body`}
          ref={box}
          value={text}
          rows={2}
          placeholder={t('placeholder')}
          aria-describedby={`${id}-hint ${id}-count${error ? ` ${id}-error` : ''}`}
          aria-invalid={left < 0 || undefined}
          onChange={(e) => {
            setText(e.target.value);
            // A changed text is a new message: a new idempotency key.
            key.current = '';
            if (error) setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
          className="max-h-40 min-h-11 min-w-0 flex-1 resize-y rounded-xl border border-stone-400 bg-white px-3 py-2 text-base"
        />
        <button
          type="submit"
          disabled={pending || waitSeconds > 0}
          className="min-h-11 shrink-0 rounded-xl bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? t('sending') : t('send')}
        </button>
      </div>
      <div className="flex flex-wrap justify-between gap-x-3 text-xs text-stone-600">
        <span id={`${id}-hint`} className="hidden sm:inline">
          {t('hint')}
        </span>
        <span id={`${id}-count`} className={left < 0 ? 'font-semibold text-red-700' : ''}>
          {left < 0 ? t('over', { count: -left }) : t('left', { count: left })}
        </span>
      </div>
      {slowModeSeconds > 0 && (
        <p className="text-xs text-stone-600">
          {waitSeconds > 0
            ? t('slowModeWait', { seconds: waitSeconds })
            : t('slowModeOn', { seconds: slowModeSeconds })}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}
