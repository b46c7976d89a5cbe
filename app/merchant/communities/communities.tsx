'use client';
// The communities page's interactive parts: the form that starts a community, and each community's row
// with its link (copy), QR code (download), a way into the inbox, and archive behind a confirmation.
// After a change the page re-renders on the server (router.refresh), which draws the new QR codes.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { useTRPC } from '@/app/_trpc/client';
import { ConfirmDialog } from '@/app/merchant/_components/confirm-dialog';
import { buttonClass, Field, inputClass } from '@/app/merchant/_components/field';
import { errorFields, errorMessage } from '@/app/merchant/_lib/errors';
import { COMMUNITY_LIMITS } from '@/server/rooms/communities/community-input';

/** A community as the page lists it; `qrSvg` is drawn on the server. */
export type CommunityRow = {
  id: string;
  title: string;
  code: string;
  memberCount: number;
  url: string;
  qrSvg: string;
};

/** The "start a community" form (name, description). */
export function CreateCommunityForm() {
  const t = useTranslations('merchant.communities');
  const tw = useTranslations('merchant.words');
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const create = useMutation(trpc.rooms.createCommunity.mutationOptions());
  const fields = errorFields(create.error);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<string | null>(null);

  async function submit() {
    setCreated(null);
    try {
      const room = await create.mutateAsync({ title, description });
      setTitle('');
      setDescription('');
      setCreated(room.title);
      router.refresh();
    } catch {
      // Shown from the mutation's error state.
    }
  }

  return (
    <form
      noValidate
      className="space-y-4 rounded-xl bg-white p-4 ring-1 ring-stone-200"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-heading`} className="font-semibold">
        {t('createHeading')}
      </h2>
      <fieldset disabled={create.isPending} className="space-y-4">
        <Field
          label={t('titleLabel')}
          htmlFor={`${id}-title`}
          hint={t('titleHint', { max: COMMUNITY_LIMITS.title })}
          error={fields.title}
        >
          <input
            id={`${id}-title`}
            value={title}
            maxLength={COMMUNITY_LIMITS.title}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={fields.title ? true : undefined}
            aria-describedby={fields.title ? `${id}-title-error` : undefined}
            className={inputClass}
          />
        </Field>
        <Field
          label={t('descriptionLabel')}
          htmlFor={`${id}-description`}
          hint={t('descriptionHint', { max: COMMUNITY_LIMITS.description })}
          error={fields.description}
        >
          <textarea
            id={`${id}-description`}
            rows={3}
            value={description}
            maxLength={COMMUNITY_LIMITS.description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={fields.description ? true : undefined}
            aria-describedby={fields.description ? `${id}-description-error` : undefined}
            className={inputClass}
          />
        </Field>
        <button type="submit" className={buttonClass.primary}>
          {create.isPending ? t('creating') : t('create')}
        </button>
      </fieldset>
      <p aria-live="polite" className="text-sm text-green-800 empty:hidden">
        {created ? t('created', { title: created }) : null}
      </p>
      {create.error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(create.error, tw('genericError'))}
        </p>
      ) : null}
    </form>
  );
}

/** The shop's live communities, each with link, QR code, inbox and archive. */
export function CommunityList({ rows }: { rows: CommunityRow[] }) {
  const t = useTranslations('merchant.communities');
  const tw = useTranslations('merchant.words');
  const trpc = useTRPC();
  const router = useRouter();
  const archive = useMutation(trpc.rooms.archiveCommunity.mutationOptions());
  const [confirm, setConfirm] = useState<CommunityRow | null>(null);
  const [archived, setArchived] = useState<string | null>(null);

  if (rows.length === 0)
    return (
      <>
        <p aria-live="polite" className="mb-2 text-sm text-green-800 empty:hidden">
          {archived ? t('archived', { title: archived }) : null}
        </p>
        <p className="rounded-xl border border-dashed border-stone-300 p-6 text-center text-sm text-stone-600">
          {t('empty')}
        </p>
      </>
    );

  return (
    <>
      <p aria-live="polite" className="mb-2 text-sm text-green-800 empty:hidden">
        {archived ? t('archived', { title: archived }) : null}
      </p>
      <ul className="space-y-4" data-testid="communities">
        {rows.map((c) => (
          <li
            key={c.id}
            className="flex flex-col gap-4 rounded-xl bg-white p-4 ring-1 ring-stone-200 sm:flex-row"
            data-testid="community-row"
          >
            <div className="min-w-0 flex-1 space-y-2">
              <h3 className="text-lg font-semibold">{c.title}</h3>
              <p className="text-sm text-stone-600">{t('members', { count: c.memberCount })}</p>
              <div className="flex min-w-0 items-center gap-2">
                <input
                  readOnly
                  value={c.url}
                  aria-label={t('linkLabel', { title: c.title })}
                  onFocus={(e) => e.currentTarget.select()}
                  className={`${inputClass} min-w-0 font-mono text-sm`}
                />
                <CopyButton text={c.url} />
              </div>
              <div className="flex flex-wrap gap-2">
                <Link href={`/merchant/inbox?room=${c.id}`} className={buttonClass.secondary}>
                  {t('openInbox')}
                </Link>
                <a
                  href={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.qrSvg)}`}
                  download={`${c.code}.svg`}
                  className={buttonClass.secondary}
                >
                  {t('downloadQr')}
                </a>
                <button type="button" className={buttonClass.danger} onClick={() => setConfirm(c)}>
                  {t('archive')}
                </button>
              </div>
            </div>
            <div
              className="w-36 shrink-0 self-center sm:self-start"
              dangerouslySetInnerHTML={{ __html: c.qrSvg }}
            />
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? t('archiveTitle', { title: confirm.title }) : ''}
        confirmLabel={t('archive')}
        danger
        busy={archive.isPending}
        error={archive.error ? errorMessage(archive.error, tw('genericError')) : null}
        onClose={() => {
          archive.reset();
          setConfirm(null);
        }}
        onConfirm={() => {
          const c = confirm;
          if (!c) return;
          archive.mutate(
            { roomId: c.id },
            {
              onSuccess: () => {
                setArchived(c.title);
                setConfirm(null);
                router.refresh();
              },
            },
          );
        }}
      >
        <p>{t('archiveBody')}</p>
      </ConfirmDialog>
    </>
  );
}
