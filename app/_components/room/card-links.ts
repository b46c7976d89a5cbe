// Where a product card's buttons lead: the deal page to open a group (carrying the community it came from,
// so the new group is announced back in it), or an existing group about to fill.

/** "Open a group": the deal page, with `?from=<communityCode>` when the card was posted in a community. */
export function openGroupHref(slug: string, communityCode: string | null): string {
  const path = `/d/${encodeURIComponent(slug)}`;
  return communityCode ? `${path}?from=${encodeURIComponent(communityCode)}` : path;
}

/** "Join a group about to fill": that group's page. */
export function joinGroupHref(code: string): string {
  return `/g/${encodeURIComponent(code)}`;
}
