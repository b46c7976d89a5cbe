'use client';
// The message box of a room: a textarea with a 2,000-character counter, Enter to send and Shift+Enter for
// a new line (never while an input method is composing Chinese or Japanese), the server's refusal in words,
// the slow-mode countdown, and a reason in place of the box when the reader may not post. The cursor stays
// in the box after sending. Shared by the member room and the staff inbox.
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { ComposerOff, MessageBox, useDraft } from './message-box';
import { MAX_MESSAGE_CHARS, messageLength } from './message-length';

// The counter's rule, for the staff inbox's composer too.
export { MAX_MESSAGE_CHARS, messageLength };

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
  const draft = useDraft(initialText);
  const [pending, setPending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  async function submit() {
    if (pending || waitSeconds > 0) return;
    if (!draft.check()) return;
    const key = draft.key();
    setPending(true);
    draft.setError(null);
    try {
      const refused = await send(draft.text, key);
      if (refused === null) draft.sent();
      else draft.setError(refused);
    } catch {
      draft.setError(t('failed'));
    } finally {
      setPending(false);
      box.current?.focus();
    }
  }

  if (disabledReason) return <ComposerOff reason={disabledReason} testId="room-composer-off" />;

  return (
    <MessageBox
      id={id}
      box={box}
      text={draft.text}
      error={draft.error}
      onChange={draft.change}
      onSend={() => void submit()}
      label={t('label')}
      labelClassName="sr-only"
      placeholder={t('placeholder')}
      hint={t('hint')}
      rows={2}
      maxHeightClass="max-h-40"
      sendDisabled={pending || waitSeconds > 0}
      sendLabel={pending ? t('sending') : t('send')}
      testId="room-composer"
    >
      {slowModeSeconds > 0 && (
        <p className="text-xs text-stone-600">
          {waitSeconds > 0
            ? t('slowModeWait', { seconds: waitSeconds })
            : t('slowModeOn', { seconds: slowModeSeconds })}
        </p>
      )}
      {draft.error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {draft.error}
        </p>
      )}
    </MessageBox>
  );
}
