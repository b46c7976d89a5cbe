// Snapshots one read serves to many open pages (stream-group.ts reads one per viewer key and burst of
// changes): marked here so the API's transformer (server/trpc/transformer.ts) serializes each once, not
// once per page. A signed-in viewer's snapshot is composed: the public part every viewer shares plus the
// viewer's own fields, so only the small own part is serialized per page. A marked object must never change
// after it is marked. Edit when another stream shares reads.
const shared = new WeakSet<object>();

/** Marks `value` as shared by several streams (and so never to be changed again); returns it. */
export function shareSnapshot<T>(value: T): T {
  if (typeof value === 'object' && value !== null) shared.add(value);
  return value;
}

/** Whether `value` was marked by shareSnapshot. */
export function isSharedSnapshot(value: object): boolean {
  return shared.has(value);
}

type Parts = { base: object; own: Record<string, unknown> };
const composed = new WeakMap<object, Parts>();

/**
 * `{ ...base, ...own }`, remembered as those two parts: `base` is shared (and so frozen in meaning) and
 * `own` holds the keys only this viewer sees, none of them in `base`.
 */
export function composeSnapshot<B extends object, O extends Record<string, unknown>>(base: B, own: O): B & O {
  shareSnapshot(base);
  const value = { ...base, ...own };
  composed.set(value, { base, own });
  return value;
}

/** The shared and own parts of a value made by composeSnapshot, or null. */
export function snapshotParts(value: object): Parts | null {
  return composed.get(value) ?? null;
}
