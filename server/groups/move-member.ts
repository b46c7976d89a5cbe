// One member's move, for the callers that move members one at a time (leave, decline, expiry, settlement,
// payment webhooks): finds the member's group, takes the locks in order and applies the table's move.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members } from '@/db/schema';
import { applyMoves, lockGroupForMoves, type LockedGroup, type Member, type MoveFields } from './apply-moves';
import { MOVES, PHASE_GROUP_STATUSES, type MoveName } from './membership';

export type MemberMoveOptions = {
  now: Date;
  set?: MoveFields;
  /** Extra fields for the move's event. */
  payload?: Record<string, unknown>;
  captureBefore?: Date | null;
};

/**
 * Moves member `memberId` by the first move in `names` that applies to its status and its group's status,
 * inside `tx` (lock order: group, deal, member). Returns the move made and the group after it, or null
 * (nothing written) when none applies.
 */
export async function moveMember(
  tx: Tx,
  memberId: string,
  names: Exclude<MoveName, 'reserve'>[],
  opts: MemberMoveOptions,
): Promise<{ name: MoveName; member: Member; group: LockedGroup } | null> {
  const locked = await lockMemberWithGroup(tx, memberId);
  if (!locked) return null;
  const { member: m, group } = locked;
  const name = names.find(
    (n) =>
      MOVES[n].from === m.status &&
      (PHASE_GROUP_STATUSES[MOVES[n].phase] as readonly string[]).includes(group.status),
  );
  if (!name) return null;
  const [moved] = await applyMoves(
    tx,
    group,
    [{ name, memberId, set: opts.set, payload: opts.payload, captureBefore: opts.captureBefore }],
    opts.now,
  );
  return moved ? { ...moved, group } : null;
}

/** Locks a member's row after its group's (the documented order), for callers that read before they move. */
export async function lockMemberWithGroup(
  tx: Tx,
  memberId: string,
): Promise<{ member: Member; group: LockedGroup } | null> {
  const [peek] = await tx.select({ groupId: members.groupId }).from(members).where(eq(members.id, memberId));
  if (!peek) return null;
  const group = await lockGroupForMoves(tx, peek.groupId);
  if (!group) return null;
  const [member] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  return member ? { member, group } : null;
}
