'use client';
// The text box both room composers share (the member's composer.tsx and the staff inbox's
// staff-composer.tsx): a label, a textarea with Enter to send and Shift+Enter for a new line (never while
// an input method is composing Chinese or Japanese), the send button, the hint and the 2,000-character
// counter. The draft (text, idempotency key, refusal) lives in useDraft. Edit when both boxes change.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { MAX_MESSAGE_CHARS, messageLength } from './message-length';

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A draft message starting from `initialText` (and following it): its text, refusal and idempotency key. */
export function useDraft(initialText = '') {
  const t = useTranslations('rooms.composer');
  const [text, setText] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  // One key per message: a retry after a dropped answer is the same message, not a second one.
  const key = useRef('');
  useEffect(() => setText(initialText), [initialText]);
  const length = messageLength(text);
  return {
    text,
    error,
    setError,
    /** Replaces the text: a changed text is a new message, with a new idempotency key. */
    change(next: string) {
      setText(next);
      key.current = '';
      if (error) setError(null);
    },
    /** Says why the text cannot be sent (empty, too long) and answers false; else true. */
    check(): boolean {
      if (length === 0) setError(t('empty'));
      else if (length > MAX_MESSAGE_CHARS) setError(t('over', { count: length - MAX_MESSAGE_CHARS }));
      else return true;
      return false;
    },
    /** The idempotency key of the text as it stands. */
    key(): string {
      key.current ||= newKey();
      return key.current;
    },
    /** Empties the box after the message was sent. */
    sent() {
      setText('');
      key.current = '';
    },
    /** Puts `next` in the box as a new message, keeping any refusal on screen (a saved reply). */
    set(next: string) {
      setText(next);
      key.current = '';
    },
  };
}

/**
 * The box in its form: `id` prefixes its element ids (`-body`, `-hint`, `-count`, and `-error` the caller
 * renders when `error`); `onSend` on Enter or the button; `children` under the counter.
 */
export function MessageBox({
  id,
  box,
  text,
  error,
  onChange,
  onSend,
  label,
  labelClassName,
  placeholder,
  hint,
  rows,
  maxHeightClass,
  sendDisabled,
  sendLabel,
  testId,
  children,
}: {
  id: string;
  box: RefObject<HTMLTextAreaElement | null>;
  text: string;
  error: string | null;
  onChange: (text: string) => void;
  onSend: () => void;
  label: string;
  labelClassName: string;
  placeholder: string;
  hint: string;
  rows: number;
  maxHeightClass: string;
  sendDisabled: boolean;
  sendLabel: string;
  testId?: string;
  children?: ReactNode;
}) {
  const t = useTranslations('rooms.composer');
  const left = MAX_MESSAGE_CHARS - messageLength(text);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSend();
      }}
      className="space-y-1"
      data-testid={testId}
    >
      <label htmlFor={`${id}-body`} className={labelClassName}>
        {label}
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id={`${id}-body`}
          ref={box}
          value={text}
          rows={rows}
          placeholder={placeholder}
          aria-describedby={`${id}-hint ${id}-count${error ? ` ${id}-error` : ''}`}
          aria-invalid={left < 0 || undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              onSend();
            }
          }}
          className={`${maxHeightClass} min-h-11 min-w-0 flex-1 resize-y rounded-xl border border-stone-400 bg-white px-3 py-2 text-base`}
        />
        <button
          type="submit"
          disabled={sendDisabled}
          className="min-h-11 shrink-0 rounded-xl bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {sendLabel}
        </button>
      </div>
      <div className="flex flex-wrap justify-between gap-x-3 text-xs text-stone-600">
        <span id={`${id}-hint`} className="hidden sm:inline">
          {hint}
        </span>
        <span id={`${id}-count`} className={left < 0 ? 'font-semibold text-red-700' : ''}>
          {left < 0 ? t('over', { count: -left }) : t('left', { count: left })}
        </span>
      </div>
      {children}
    </form>
  );
}

/** In place of a composer when the reader may not post: `reason`, marked `testId` for the tests. */
export function ComposerOff({ reason, testId }: { reason: string; testId: string }) {
  return (
    <p className="rounded-xl bg-stone-100 p-3 text-sm text-stone-700" data-testid={testId}>
      {reason}
    </p>
  );
}
