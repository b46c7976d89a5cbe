// A community's links: the plain one (and its QR code) and a member's personal invite link.
/** The community's page: /r/<code>, with the member's invite code when given (admits past the QR cutoff). */
export function communityUrl(appUrl: string, code: string, inviteCode?: string | null): string {
  const base = `${appUrl}/r/${code}`;
  return inviteCode ? `${base}?i=${encodeURIComponent(inviteCode)}` : base;
}
