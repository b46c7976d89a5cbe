import type { Deps } from '@/server/deps';
import { parseInviteCode } from './channels';
import { findInviter } from './find-inviter';

/** An untrusted ?i= value when it is a live member's invite code in group `code`, else null (ignored, never an error). */
export async function sharerInvite(
  deps: Deps,
  code: string,
  raw: string | null | undefined,
): Promise<string | null> {
  const invite = parseInviteCode(raw);
  return invite && (await findInviter(deps, code, invite)) ? invite : null;
}
