'use client';
// The community's join form: one name (an alias; others see only it), then the room. A first-time visitor
// gets a buyer session without a password, as at a group's join.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { ensureBuyerSession } from '@/app/_components/auth-client';
import { lazyApi } from '@/app/_trpc/lazy-api';

/** Joins community `code` under the alias typed (with the invite code the link carried, if any). */
export function JoinCommunityForm({
  code,
  inviteCode,
  suggestedAlias,
}: {
  code: string;
  inviteCode: string | null;
  suggestedAlias: string;
}) {
  const t = useTranslations('rooms.community');
  const router = useRouter();
  const id = useId();
  const [alias, setAlias] = useState(suggestedAlias);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (pending) return;
    const trimmed = alias.trim();
    if (trimmed.length < 1 || trimmed.length > 40) {
      setError(t('aliasInvalid'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      await ensureBuyerSession();
      const api = await lazyApi();
      await api.rooms.joinCommunity.mutate({ code, alias: trimmed, ...(inviteCode ? { inviteCode } : {}) });
      // The page renders again as a member's: the room, their invite link and QR code.
      router.refresh();
    } catch (err) {
      // The server's refusal is already in the reader's language.
      setError(err instanceof Error && err.message ? err.message : t('joinFailed'));
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      aria-labelledby={`${id}-heading`}
      data-testid="community-join"
    >
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {t('joinHeading')}
      </h2>
      {inviteCode && <p className="text-sm text-stone-700">{t('invited')}</p>}
      <div>
        <label htmlFor={`${id}-alias`} className="block font-medium">
          {t('aliasLabel')}
        </label>
        <p id={`${id}-help`} className="text-sm text-stone-600">
          {t('aliasHelp')}
        </p>
        <input
          id={`${id}-alias`}
          name="alias"
          value={alias}
          maxLength={40}
          autoComplete="nickname"
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          aria-invalid={error !== null || undefined}
          onChange={(e) => setAlias(e.target.value)}
          className="mt-1 w-full rounded-lg border border-stone-400 px-3 py-2 text-base"
        />
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 w-full rounded-xl bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto"
      >
        {pending ? t('joining') : t('join')}
      </button>
    </form>
  );
}
