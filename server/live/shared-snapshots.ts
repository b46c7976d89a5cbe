// Snapshots one read serves to many open pages (stream-group.ts reads one per viewer key and burst of
// changes): marked here so the API's transformer (server/trpc/transformer.ts) serializes each once, not
// once per page. A marked object must never change after it is marked. Edit when another stream shares reads.
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
