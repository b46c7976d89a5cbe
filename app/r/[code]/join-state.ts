// Who may join a community from its page (the groups' trust rules, DESIGN rule 6): its plain link and QR
// code admit until the QR cutoff (100 by default); past it only a member's invite link, up to the maximum.
// The server decides again at the join; this only chooses what the page offers.

export type JoinState = 'open' | 'inviteOnly' | 'full' | 'archived';

/** What the page offers a visitor (`hasInvite`: the link carries a present member's invite code). */
export function joinState(
  c: { memberCount: number; qrCutoff: number; maxMembers: number; archived: boolean },
  hasInvite: boolean,
): JoinState {
  if (c.archived) return 'archived';
  if (c.memberCount >= c.maxMembers) return 'full';
  if (c.memberCount >= c.qrCutoff && !hasInvite) return 'inviteOnly';
  return 'open';
}
