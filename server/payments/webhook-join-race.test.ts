import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groups, members } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { makeGroup, VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { createStripeClient } from './stripe-client';
import { registerEmulatorWebhook } from './register-emulator-webhook';
import { handleHoldWebhook } from '@/server/groups/apply-hold-event';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ dbMax: 40 });
});
afterAll(async () => h.close());

describe('webhooks arriving while buyers join', () => {
  it('never deadlock with the join that is confirming the same member', async () => {
    const failures: string[] = [];
    let secret = '';
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void handleHoldWebhook(
          h.deps,
          Buffer.concat(chunks).toString('utf8'),
          req.headers['stripe-signature']?.toString() ?? null,
          secret,
        )
          .then((out) => res.writeHead(out.status).end(JSON.stringify(out.body)))
          .catch((err: unknown) => {
            failures.push(err instanceof Error ? err.message : String(err));
            res.writeHead(500).end();
          });
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
      secret = await registerEmulatorWebhook(url, createStripeClient({ emulatorUrl: h.emulatorUrl }));
      const { code, groupId } = await makeGroup(h.deps, { maxMembers: 200, qrCutoff: 200 });
      const buyers = await Promise.all(Array.from({ length: 60 }, () => h.makeUser({ anonymous: true })));
      const results = await Promise.allSettled(
        buyers.map((u, i) =>
          h.caller(u).groups.join({
            code,
            alias: `Racer ${i}`,
            quantity: 1,
            fulfilment: VOUCHER_CHOICE,
            idempotencyKey: randomUUID(),
            paymentMethod: 'pm_card_visa',
          }),
        ),
      );
      const rejected = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(rejected).toEqual([]);
      // Let the last webhooks land.
      await new Promise((r) => setTimeout(r, 1500));
      expect(failures).toEqual([]);
      const authorized = await h.deps.db
        .select()
        .from(members)
        .where(and(eq(members.groupId, groupId), eq(members.status, 'authorized')));
      expect(authorized).toHaveLength(60);
      const [g] = await h.deps.db.select().from(groups).where(eq(groups.id, groupId));
      expect(g).toMatchObject({ confirmedCount: 60, seatsTaken: 60 });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
