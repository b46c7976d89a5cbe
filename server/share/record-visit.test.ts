import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { visits } from '@/db/schema';
import { makeGroup } from '@/server/groups/test-factory';
import { createHarness, type Harness } from '@/test/harness';
import { anonymousVisitorKey, recordGroupVisit } from './record-visit';

describe('anonymousVisitorKey', () => {
  it('is the same for one address and browser, differs otherwise, and never holds the address', () => {
    const a = anonymousVisitorKey('203.0.113.7', 'Phone A');
    expect(a).toBe(anonymousVisitorKey('203.0.113.7', 'Phone A'));
    expect(a).not.toBe(anonymousVisitorKey('203.0.113.7', 'Phone B'));
    expect(a).not.toBe(anonymousVisitorKey('203.0.113.8', 'Phone A'));
    expect(a).not.toContain('203.0.113.7');
    expect(anonymousVisitorKey(null, 'Phone A')).toBeNull();
  });
});

describe('recordGroupVisit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it("writes one visit on the group's deal with its channel and visitor, and nothing for an unknown code", async () => {
    const { code, groupId, dealId } = await makeGroup(h.deps);
    const other = await makeGroup(h.deps);
    const before = h.deps.now().getTime();
    await recordGroupVisit(h.deps, { code, channel: 'whatsapp', visitorKey: 'anon:abc' });
    await recordGroupVisit(h.deps, { code, channel: null, visitorKey: null });
    await recordGroupVisit(h.deps, { code: 'nosuchgroup1', channel: 'line', visitorKey: 'anon:x' });

    const rows = await h.t.db.select().from(visits).where(eq(visits.dealId, dealId));
    expect(rows.map((r) => [r.groupId, r.channel, r.visitorKey])).toEqual([
      [groupId, 'whatsapp', 'anon:abc'],
      [groupId, 'direct', null],
    ]);
    // Stamped with the app's clock (tests move it), not the database's.
    h.advance(86_400_000);
    await recordGroupVisit(h.deps, { code: other.code, channel: null, visitorKey: null });
    expect(rows[0]?.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    const [later] = await h.t.db.select().from(visits).where(eq(visits.dealId, other.dealId));
    expect(later?.createdAt.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(await h.t.db.select().from(visits).where(eq(visits.channel, 'line'))).toEqual([]);
  });
});
