'use client';
// End a group now or cancel it, each behind a confirmation that says what happens to the buyers' money.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import type { GroupSummary } from '@/server/merchant-console/group-summary';
import { errorMessage } from '@/app/merchant/_lib/errors';
import { ConfirmDialog } from './confirm-dialog';
import { buttonClass } from './field';
import { useConsoleWords } from './use-console-words';

/** End now / Cancel buttons for an open group (nothing for a closed one). */
export function GroupActions({ group: g }: { group: GroupSummary }) {
  const w = useConsoleWords();
  const { t } = w;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<'end' | 'cancel' | null>(null);
  const done = { onSuccess: () => void queryClient.invalidateQueries().then(() => setConfirm(null)) };
  const end = useMutation(trpc.merchantGroups.endNow.mutationOptions(done));
  const cancel = useMutation(trpc.merchantGroups.cancel.mutationOptions(done));
  if (g.status !== 'open') return null;
  const tipped = g.tierIndex >= 0;
  // Every row has these two buttons: their accessible names say which group they act on.
  const name = w.groupName(g);
  const close = () => {
    setConfirm(null);
    end.reset();
    cancel.reset();
  };
  return (
    <>
      <button
        type="button"
        onClick={() => setConfirm('end')}
        aria-label={t('actions.endNowFor', { name })}
        className={buttonClass.secondary}
      >
        {t('actions.endNow')}
      </button>
      <button
        type="button"
        onClick={() => setConfirm('cancel')}
        aria-label={t('actions.cancelFor', { name })}
        className={buttonClass.danger}
      >
        {t('actions.cancel')}
      </button>
      <ConfirmDialog
        open={confirm === 'end'}
        title={t('actions.endTitle')}
        confirmLabel={t('actions.endConfirm')}
        busy={end.isPending}
        error={end.error ? errorMessage(end.error, t('words.genericError')) : null}
        onConfirm={() => end.mutate({ groupId: g.id })}
        onClose={close}
      >
        {tipped ? (
          <p>{t('actions.endWon', { count: g.confirmedCount, price: w.money(g.unitPrice, g.currency) })}</p>
        ) : (
          <p>{t('actions.endFailed', { count: g.confirmedCount, min: g.minMembers })}</p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'cancel'}
        title={t('actions.cancelTitle')}
        confirmLabel={t('actions.cancel')}
        danger
        busy={cancel.isPending}
        error={cancel.error ? errorMessage(cancel.error, t('words.genericError')) : null}
        onConfirm={() => cancel.mutate({ groupId: g.id })}
        onClose={close}
      >
        <p>{t('actions.cancelBody', { count: g.confirmedCount })}</p>
      </ConfirmDialog>
    </>
  );
}
