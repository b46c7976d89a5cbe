// The API's wire format: superjson (Dates and the like survive the trip), with two savings for live updates:
// a snapshot shared by many open pages (server/live/shared-snapshots.ts) is serialized once, not once per
// page, when its event reaches every subscriber at once; and a signed-in viewer's snapshot, composed of that
// shared public part and the viewer's own fields, serializes only its own fields and joins them to the
// shared part's output (what superjson would have written for the whole). Edit when the wire format changes.
import superjson from 'superjson';
import { isSharedSnapshot, snapshotParts } from '@/server/live/shared-snapshots';

type Serialized = ReturnType<typeof superjson.serialize>;
type Meta = NonNullable<Serialized['meta']>;

const serialized = new WeakMap<object, Serialized>();

function once(value: object): Serialized {
  const hit = serialized.get(value);
  if (hit) return hit;
  const out = superjson.serialize(value);
  serialized.set(value, out);
  return out;
}

/** superjson's output for `{ ...base, ...own }` from the outputs of its two parts (no key in both). */
function joined(base: Serialized, own: Serialized): Serialized {
  const json = { ...(base.json as object), ...(own.json as object) } as Serialized['json'];
  const values = { ...base.meta?.values, ...own.meta?.values };
  const equal: Record<string, string[]> = {
    ...(base.meta?.referentialEqualities as Record<string, string[]> | undefined),
    ...(own.meta?.referentialEqualities as Record<string, string[]> | undefined),
  };
  const v = base.meta?.v ?? own.meta?.v;
  const meta: Meta = {
    ...(Object.keys(values).length > 0 ? { values } : {}),
    ...(Object.keys(equal).length > 0 ? { referentialEqualities: equal } : {}),
    ...(v !== undefined ? { v } : {}),
  };
  return Object.keys(meta).length > 0 ? { json, meta } : { json };
}

/** superjson's output for a value made by composeSnapshot: the shared part's (once) joined to its own. */
function composed(value: object, parts: { base: object; own: Record<string, unknown> }): Serialized {
  const base = once(parts.base);
  const own = superjson.serialize(parts.own);
  // superjson writes the root's own references as an array: they have no path to join under.
  const rooted =
    Array.isArray(base.meta?.referentialEqualities) || Array.isArray(own.meta?.referentialEqualities);
  return rooted ? superjson.serialize(value) : joined(base, own);
}

export const transformer = {
  serialize(value: unknown): Serialized {
    if (typeof value !== 'object' || value === null) return superjson.serialize(value);
    const shared = isSharedSnapshot(value);
    const hit = shared ? serialized.get(value) : undefined;
    if (hit) return hit;
    const parts = snapshotParts(value);
    const out = parts ? composed(value, parts) : superjson.serialize(value);
    // One read sent to many pages (signed-out visitors share theirs): its output is kept for the others.
    if (shared) serialized.set(value, out);
    return out;
  },
  deserialize: (payload: Serialized): unknown => superjson.deserialize(payload),
};
