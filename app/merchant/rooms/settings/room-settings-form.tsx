'use client';
// The room settings form: members' links held, the keyword filter (one per line), retention days and the
// saved replies (add, edit, remove). Saves everything at once through rooms.updateSettings; the server's
// refusals show next to their field.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass, Field, FieldError, inputClass } from '@/app/merchant/_components/field';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';
import { SETTINGS_LIMITS } from '@/server/rooms/room-input';
import type { RoomSettingsView } from '@/server/rooms/types';

type ReplyRow = { key: string; id: string | undefined; title: string; body: string };

const card = 'space-y-4 rounded-xl bg-white p-4 ring-1 ring-stone-200';
const WHOLE = /^\s*\d+\s*$/;
/** A typed number of days, or NaN (the server refuses it with its own words). */
const days = (s: string): number => (WHOLE.test(s) ? Number(s.trim()) : Number.NaN);

/** The form on /merchant/rooms/settings, starting from the saved settings. */
export function RoomSettingsForm({ initial }: { initial: RoomSettingsView }) {
  const t = useTranslations('merchant.roomSettings');
  const tw = useTranslations('merchant.words');
  const trpc = useTRPC();
  const update = useMutation(trpc.rooms.updateSettings.mutationOptions());
  const fields = errorFields(update.error);
  const baseId = useId();
  const [holdLinks, setHoldLinks] = useState(initial.holdMemberLinks);
  const [keywords, setKeywords] = useState(initial.keywords.join('\n'));
  const [closeAfter, setCloseAfter] = useState(String(initial.closeAfterDays));
  const [deleteAfter, setDeleteAfter] = useState(String(initial.deleteAfterDays));
  const [replies, setReplies] = useState<ReplyRow[]>(() =>
    initial.savedReplies.map((r) => ({ key: r.id, id: r.id, title: r.title, body: r.body })),
  );
  const [saved, setSaved] = useState(false);
  const [nextKey, setNextKey] = useState(0);

  const fieldError = (prefix: string): string | undefined =>
    Object.entries(fields).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

  function edited() {
    setSaved(false);
  }

  function changeReply(key: string, patch: Partial<ReplyRow>) {
    edited();
    setReplies((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  async function submit() {
    setSaved(false);
    try {
      const next = await update.mutateAsync({
        holdMemberLinks: holdLinks,
        keywords: keywords
          .split('\n')
          .map((k) => k.trim())
          .filter((k) => k !== ''),
        closeAfterDays: days(closeAfter),
        deleteAfterDays: days(deleteAfter),
        savedReplies: replies.map((r) => ({ id: r.id, title: r.title, body: r.body })),
      });
      // The server gives new replies their ids and keeps each keyword once: show what was stored.
      setKeywords(next.keywords.join('\n'));
      setReplies(next.savedReplies.map((r) => ({ key: r.id, id: r.id, title: r.title, body: r.body })));
      setSaved(true);
    } catch {
      // Shown from the mutation's error state.
    }
  }

  return (
    <form
      noValidate
      className="space-y-5"
      data-testid="room-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset className={card} disabled={update.isPending}>
        <legend className="sr-only">{t('moderationHeading')}</legend>
        <h2 className="font-semibold" aria-hidden>
          {t('moderationHeading')}
        </h2>
        <div>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              className="mt-1 h-4 w-4 shrink-0"
              checked={holdLinks}
              aria-describedby={`${baseId}-links-hint`}
              onChange={(e) => {
                edited();
                setHoldLinks(e.target.checked);
              }}
            />
            <span className="text-sm font-semibold text-stone-800">{t('holdLinks')}</span>
          </label>
          <p id={`${baseId}-links-hint`} className="mt-1 ml-6 text-xs text-stone-500">
            {t('holdLinksHint')}
          </p>
        </div>
        <Field
          label={t('keywords')}
          htmlFor={`${baseId}-keywords`}
          hint={t('keywordsHint', { max: SETTINGS_LIMITS.keywords })}
          error={fieldError('keywords')}
        >
          <textarea
            id={`${baseId}-keywords`}
            rows={4}
            value={keywords}
            onChange={(e) => {
              edited();
              setKeywords(e.target.value);
            }}
            aria-invalid={fieldError('keywords') ? true : undefined}
            aria-describedby={fieldError('keywords') ? `${baseId}-keywords-error` : undefined}
            className={inputClass}
          />
        </Field>
      </fieldset>

      <fieldset className={card} disabled={update.isPending}>
        <legend className="sr-only">{t('retentionHeading')}</legend>
        <h2 className="font-semibold" aria-hidden>
          {t('retentionHeading')}
        </h2>
        <Field
          label={t('closeAfter')}
          htmlFor={`${baseId}-close`}
          hint={t('closeAfterHint', {
            min: SETTINGS_LIMITS.closeAfterDays.min,
            max: SETTINGS_LIMITS.closeAfterDays.max,
          })}
          error={fieldError('closeAfterDays')}
        >
          <input
            id={`${baseId}-close`}
            inputMode="numeric"
            value={closeAfter}
            onChange={(e) => {
              edited();
              setCloseAfter(e.target.value);
            }}
            aria-invalid={fieldError('closeAfterDays') ? true : undefined}
            aria-describedby={fieldError('closeAfterDays') ? `${baseId}-close-error` : undefined}
            className={`${inputClass} max-w-32`}
          />
        </Field>
        <Field
          label={t('deleteAfter')}
          htmlFor={`${baseId}-delete`}
          hint={t('deleteAfterHint')}
          error={fieldError('deleteAfterDays')}
        >
          <input
            id={`${baseId}-delete`}
            inputMode="numeric"
            value={deleteAfter}
            onChange={(e) => {
              edited();
              setDeleteAfter(e.target.value);
            }}
            aria-invalid={fieldError('deleteAfterDays') ? true : undefined}
            aria-describedby={fieldError('deleteAfterDays') ? `${baseId}-delete-error` : undefined}
            className={`${inputClass} max-w-32`}
          />
        </Field>
      </fieldset>

      <fieldset className={card} disabled={update.isPending}>
        <legend className="sr-only">{t('repliesHeading')}</legend>
        <h2 className="font-semibold" aria-hidden>
          {t('repliesHeading')}
        </h2>
        <p className="text-sm text-stone-500">{t('repliesHint')}</p>
        {replies.length === 0 ? <p className="text-sm text-stone-500">{t('noReplies')}</p> : null}
        <ul className="space-y-4">
          {replies.map((r, i) => {
            const id = `${baseId}-reply-${r.key}`;
            return (
              <li key={r.key} className="space-y-2 rounded-lg border border-stone-200 p-3">
                <Field
                  label={t('replyTitle')}
                  htmlFor={`${id}-title`}
                  error={fieldError(`savedReplies.${i}.title`)}
                >
                  <input
                    id={`${id}-title`}
                    value={r.title}
                    maxLength={SETTINGS_LIMITS.replyTitleChars}
                    onChange={(e) => changeReply(r.key, { title: e.target.value })}
                    className={inputClass}
                  />
                </Field>
                <Field
                  label={t('replyBody')}
                  htmlFor={`${id}-body`}
                  error={fieldError(`savedReplies.${i}.body`)}
                >
                  <textarea
                    id={`${id}-body`}
                    rows={3}
                    value={r.body}
                    maxLength={SETTINGS_LIMITS.replyBodyChars}
                    onChange={(e) => changeReply(r.key, { body: e.target.value })}
                    className={inputClass}
                  />
                </Field>
                <button
                  type="button"
                  className={buttonClass.danger}
                  aria-label={t('removeReplyLabel', { title: r.title })}
                  onClick={() => {
                    edited();
                    setReplies((rows) => rows.filter((x) => x.key !== r.key));
                  }}
                >
                  {t('removeReply')}
                </button>
              </li>
            );
          })}
        </ul>
        <FieldError id={`${baseId}-replies-error`} message={fields.savedReplies} />
        {replies.length < SETTINGS_LIMITS.savedReplies ? (
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => {
              edited();
              setReplies((rows) => [...rows, { key: `new-${nextKey}`, id: undefined, title: '', body: '' }]);
              setNextKey((k) => k + 1);
            }}
          >
            {t('addReply')}
          </button>
        ) : null}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={update.isPending}>
          {update.isPending ? t('saving') : t('save')}
        </button>
        <p aria-live="polite" className="text-sm">
          {saved ? <span className="text-green-800">{t('saved')}</span> : null}
        </p>
      </div>
      {update.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(update.error, tw('genericError'))}
        </p>
      ) : null}
    </form>
  );
}
