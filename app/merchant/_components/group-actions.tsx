'use client';
// End a group now or cancel it, each behind a confirmation that says what happens to the buyers' money.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import type { GroupSummary } from '@/server/merchant-console/group-summary';
import { errorMessage } from '@/app/merchant/_lib/errors';
import { groupName, money, people } from '@/app/merchant/_lib/format';
import { ConfirmDialog } from './confirm-dialog';
import { buttonClass } from './field';

/** End now / Cancel buttons for an open group (nothing for a closed one). */
export function GroupActions({ group: g }: { group: GroupSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<'end' | 'cancel' | null>(null);
  const done = { onSuccess: () => void queryClient.invalidateQueries().then(() => setConfirm(null)) };
  const end = useMutation(trpc.merchantGroups.endNow.mutationOptions(done));
  const cancel = useMutation(trpc.merchantGroups.cancel.mutationOptions(done));
  if (g.status !== 'open') return null;
  const tipped = g.tierIndex >= 0;
  // Every row has these two buttons: their accessible names say which group they act on.
  const name = groupName(g);
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
        aria-label={`End now: ${name}`}
        className={buttonClass.secondary}
      >
        End now
      </button>
      <button
        type="button"
        onClick={() => setConfirm('cancel')}
        aria-label={`Cancel group: ${name}`}
        className={buttonClass.danger}
      >
        Cancel group
      </button>
      <ConfirmDialog
        open={confirm === 'end'}
        title="End this group now?"
        confirmLabel="End group now"
        busy={end.isPending}
        error={end.error ? errorMessage(end.error) : null}
        onConfirm={() => end.mutate({ groupId: g.id })}
        onClose={close}
      >
        {tipped ? (
          <p>
            {people(g.confirmedCount)} joined, so the group is won: each member is charged{' '}
            {money(g.unitPrice, g.currency)} per item (never more than their hold), and nobody else can join.
          </p>
        ) : (
          <p>
            Only {people(g.confirmedCount)} joined and the minimum is {g.minMembers}, so the group does not go
            ahead: every hold is released and nobody is charged.
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'cancel'}
        title="Cancel this group?"
        confirmLabel="Cancel group"
        danger
        busy={cancel.isPending}
        error={cancel.error ? errorMessage(cancel.error) : null}
        onConfirm={() => cancel.mutate({ groupId: g.id })}
        onClose={close}
      >
        <p>
          Every hold is released, nobody is charged, and the {people(g.confirmedCount)} who joined are told
          the group was canceled. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
