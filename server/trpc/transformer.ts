// The API's wire format: superjson (Dates and the like survive the trip), with one saving for live updates:
// a snapshot shared by many open pages (server/live/shared-snapshots.ts) is serialized once, not once per
// page, when its event reaches every subscriber at once. Edit when the wire format changes.
import superjson from 'superjson';
import { isSharedSnapshot } from '@/server/live/shared-snapshots';

type Serialized = ReturnType<typeof superjson.serialize>;

const serialized = new WeakMap<object, Serialized>();

export const transformer = {
  serialize(value: unknown): Serialized {
    if (typeof value !== 'object' || value === null || !isSharedSnapshot(value))
      return superjson.serialize(value);
    const hit = serialized.get(value);
    if (hit) return hit;
    const out = superjson.serialize(value);
    serialized.set(value, out);
    return out;
  },
  deserialize: (payload: Serialized): unknown => superjson.deserialize(payload),
};
