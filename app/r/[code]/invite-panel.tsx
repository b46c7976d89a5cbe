'use client';
// A member's way to bring people into the community: their personal invite link (it admits past the first
// 100), copy and share buttons, and its QR code (drawn on the server: the qrcode package stays out of the
// browser).
import { useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { CopyButton } from '@/app/_components/copy-button';

/** The invite panel for `inviteUrl`; `qrSvg` is the same link's QR code. */
export function InvitePanel({
  inviteUrl,
  qrSvg,
  title,
  cutoff,
}: {
  inviteUrl: string;
  qrSvg: string;
  title: string;
  cutoff: number;
}) {
  const t = useTranslations('rooms.community');
  const id = useId();
  const [canShare, setCanShare] = useState(false);
  useEffect(() => setCanShare(typeof navigator.share === 'function'), []);

  async function share() {
    try {
      await navigator.share({ title, text: t('shareText', { title }), url: inviteUrl });
    } catch {
      // The person closed the share sheet: nothing to do.
    }
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="community-invite"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t('inviteHeading')}
      </h2>
      <div>
        <label htmlFor={`${id}-link`} className="block font-medium">
          {t('inviteLabel')}
        </label>
        <p className="text-sm text-stone-600">{t('inviteHelp', { cutoff })}</p>
        <div className="mt-1 flex gap-2">
          <input
            id={`${id}-link`}
            readOnly
            value={inviteUrl}
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 rounded-lg border border-stone-400 bg-stone-50 px-3 py-2 text-sm"
            data-testid="community-invite-link"
          />
          <CopyButton text={inviteUrl} />
        </div>
      </div>
      {canShare && (
        <button
          type="button"
          onClick={share}
          className="rounded-lg bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          {t('share')}
        </button>
      )}
      <div className="flex flex-col items-center gap-2 sm:flex-row sm:items-start">
        <div
          className="w-40 shrink-0 rounded-lg bg-white p-1 ring-1 ring-stone-200 [&>svg]:h-auto [&>svg]:w-full"
          data-testid="community-qr"
          // The server's SVG from the qrcode package (its title escaped there); no text of a person's in it.
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <p className="text-sm text-stone-700">{t('scan')}</p>
      </div>
    </section>
  );
}
