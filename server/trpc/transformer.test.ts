// The wire format: what a page decodes is what the server meant, whether or not the value was shared.
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { composeSnapshot, shareSnapshot } from '@/server/live/shared-snapshots';
import { transformer } from './transformer';

const snapshot = () => ({
  code: 'abc123',
  deadline: new Date('2026-12-02T10:00:00Z'),
  confirmedCount: 3,
  ladder: [{ minMembers: 2, unitPrice: 2000 }],
});

describe('transformer', () => {
  it('sends a shared snapshot exactly as superjson would, serialized once for every page that gets it', () => {
    const s = shareSnapshot(snapshot());
    const first = transformer.serialize(s);
    expect(first).toEqual(superjson.serialize(snapshot()));
    expect(transformer.serialize(s)).toBe(first);
    const decoded = transformer.deserialize(JSON.parse(JSON.stringify(first))) as ReturnType<typeof snapshot>;
    expect(decoded.deadline).toEqual(new Date('2026-12-02T10:00:00Z'));
    expect(decoded.confirmedCount).toBe(3);
  });

  it('serializes an unshared value afresh each time, so a later change is sent', () => {
    const v = snapshot();
    transformer.serialize(v);
    v.confirmedCount = 4;
    const decoded = transformer.deserialize(transformer.serialize(v)) as ReturnType<typeof snapshot>;
    expect(decoded.confirmedCount).toBe(4);
  });

  it("sends a signed-in viewer's snapshot as superjson would send the whole, serializing the shared part once", () => {
    const base = snapshot();
    const own = (alias: string) => ({
      viewer: { alias, expiresAt: new Date('2026-12-01T12:00:00Z'), failureReason: undefined },
      viewerIsOpener: alias === 'Swan',
    });
    const swan = composeSnapshot(base, own('Swan'));
    const teal = composeSnapshot(base, own('Teal'));
    const plain = { ...snapshot(), ...own('Swan') };
    const wire = JSON.parse(JSON.stringify(transformer.serialize(swan))) as ReturnType<
      typeof superjson.serialize
    >;
    expect(wire).toEqual(JSON.parse(JSON.stringify(superjson.serialize(plain))));
    expect(transformer.deserialize(wire)).toEqual(superjson.deserialize(superjson.serialize(plain)));
    // The other viewer's own fields, the same public part.
    const other = transformer.deserialize(transformer.serialize(teal)) as typeof plain;
    expect(other.viewer.alias).toBe('Teal');
    expect(other.viewerIsOpener).toBe(false);
    expect(other.deadline).toEqual(new Date('2026-12-02T10:00:00Z'));
    // One viewer's snapshot read once for their open tabs: joined once, the same output for each tab.
    const tabs = shareSnapshot(composeSnapshot(base, own('Swan')));
    const firstTab = transformer.serialize(tabs);
    expect(transformer.serialize(tabs)).toBe(firstTab);
    expect(JSON.parse(JSON.stringify(firstTab))).toEqual(wire);
  });

  it('passes plain values through', () => {
    expect(transformer.deserialize(transformer.serialize('text'))).toBe('text');
    expect(transformer.deserialize(transformer.serialize(null))).toBe(null);
  });
});
