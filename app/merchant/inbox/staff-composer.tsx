'use client';
// The staff's reply box in the concierge inbox: the text (Enter sends, Shift+Enter a new line, never while
// an input method composes), a saved reply inserted where the cursor is, a product card of one of the
// shop's active deals, and a picture through the console's upload route. Staff are never slowed down.
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import { ComposerOff, MessageBox, useDraft } from '@/app/_components/room/message-box';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass, inputClass } from '@/app/merchant/_components/field';
import { insertAt } from './inbox-model';

/** The size of a picture file, read in the browser (the room shows it without the page jumping). */
async function imageSize(file: File): Promise<{ width: number; height: number } | null> {
  try {
    const bmp = await createImageBitmap(file);
    const size = { width: bmp.width, height: bmp.height };
    bmp.close();
    return size;
  } catch {
    return null;
  }
}

/**
 * The composer. Each action answers null when done, or the refusal in words (already in the merchant's
 * language); `disabledReason` replaces it when the room is closed.
 */
export function StaffComposer({
  shopName,
  disabledReason,
  send,
  sendCard,
  sendImage,
}: {
  shopName: string;
  disabledReason: string | null;
  send: (body: string, clientKey: string) => Promise<string | null>;
  sendCard: (dealId: string) => Promise<string | null>;
  sendImage: (image: { url: string; width: number; height: number }) => Promise<string | null>;
}) {
  const t = useTranslations('merchant.inbox');
  const tc = useTranslations('rooms.composer');
  const tu = useTranslations('merchant.upload');
  const trpc = useTRPC();
  const id = useId();
  const draft = useDraft();
  const { text, error, setError } = draft;
  const [pending, setPending] = useState<'text' | 'card' | 'image' | null>(null);
  const [dealId, setDealId] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const settings = useQuery(trpc.rooms.settings.queryOptions());
  const deals = useQuery(trpc.deals.list.queryOptions({ status: 'active' }));
  const replies = settings.data?.savedReplies ?? [];
  const activeDeals = deals.data ?? [];

  async function run(kind: 'text' | 'card' | 'image', act: () => Promise<string | null>) {
    setPending(kind);
    setError(null);
    try {
      const refused = await act();
      if (refused !== null) setError(refused);
      return refused === null;
    } catch {
      setError(tc('failed'));
      return false;
    } finally {
      setPending(null);
    }
  }

  async function submit() {
    if (pending || !draft.check()) return;
    const key = draft.key();
    if (await run('text', () => send(text, key))) draft.sent();
    box.current?.focus();
  }

  function insertReply(body: string) {
    const el = box.current;
    const next = insertAt(text, body, el?.selectionStart ?? text.length, el?.selectionEnd ?? text.length);
    draft.set(next.text);
    // Put the cursor after the reply once React has rendered the new text.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.cursor, next.cursor);
    });
  }

  async function upload(file: File) {
    await run('image', async () => {
      const size = await imageSize(file);
      if (!size) return t('imageFailed');
      const body = new FormData();
      body.set('file', file);
      const res = await fetch('/api/merchant/upload', { method: 'POST', body });
      const data = (await res.json().catch(() => ({}))) as { url?: string; error?: string };
      if (!res.ok || !data.url) return data.error ?? tu('failed');
      return sendImage({ url: data.url, ...size });
    });
  }

  if (disabledReason) return <ComposerOff reason={disabledReason} testId="inbox-composer-off" />;

  return (
    <div className="space-y-3" data-testid="inbox-composer">
      <MessageBox
        id={id}
        box={box}
        text={text}
        error={error}
        onChange={draft.change}
        onSend={() => void submit()}
        label={t('replyAs', { shop: shopName })}
        labelClassName="block text-sm font-semibold text-stone-800"
        placeholder={t('placeholder')}
        hint={t('composerHint')}
        rows={3}
        maxHeightClass="max-h-48"
        sendDisabled={pending !== null}
        sendLabel={pending === 'text' ? t('sending') : t('send')}
      />

      <div className="grid gap-3">
        <div>
          <label htmlFor={`${id}-reply`} className="mb-1 block text-xs font-semibold text-stone-700">
            {t('insertReply')}
          </label>
          {replies.length > 0 ? (
            <select
              id={`${id}-reply`}
              value=""
              disabled={pending !== null}
              onChange={(e) => {
                const r = replies.find((x) => x.id === e.target.value);
                if (r) insertReply(r.body);
              }}
              className={`${inputClass} text-sm`}
            >
              <option value="">{t('savedReplies')}</option>
              {replies.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          ) : (
            <p id={`${id}-reply`} className="text-xs text-stone-500">
              {t('noSavedReplies')}
            </p>
          )}
        </div>
        <form
          className="space-y-1"
          onSubmit={(e) => {
            e.preventDefault();
            if (dealId) void run('card', () => sendCard(dealId)).then((ok) => ok && setDealId(''));
          }}
        >
          <label htmlFor={`${id}-deal`} className="block text-xs font-semibold text-stone-700">
            {t('postCard')}
          </label>
          {activeDeals.length > 0 ? (
            <div className="flex gap-2">
              <select
                id={`${id}-deal`}
                value={dealId}
                disabled={pending !== null}
                onChange={(e) => setDealId(e.target.value)}
                className={`${inputClass} min-w-0 text-sm`}
              >
                <option value="">{t('chooseDeal')}</option>
                {activeDeals.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.title}
                  </option>
                ))}
              </select>
              <button
                type="submit"
                disabled={!dealId || pending !== null}
                className={`${buttonClass.secondary} shrink-0`}
              >
                {t('postCardButton')}
              </button>
            </div>
          ) : (
            <p className="text-xs text-stone-500">{t('noDeals')}</p>
          )}
        </form>
        <div>
          <label htmlFor={`${id}-image`} className="mb-1 block text-xs font-semibold text-stone-700">
            {t('postImage')}
          </label>
          <input
            id={`${id}-image`}
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            disabled={pending !== null}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void upload(f);
              e.currentTarget.value = '';
            }}
            className="block w-full text-sm file:mr-2 file:rounded-lg file:border-0 file:bg-stone-200 file:px-3 file:py-2 file:text-sm file:font-semibold"
          />
          {pending === 'image' ? (
            <p role="status" className="mt-1 text-xs text-stone-600">
              {t('uploading')}
            </p>
          ) : null}
        </div>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
