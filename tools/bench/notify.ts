// `npm run bench:notify`: a won group of 500 members sends every receipt through a local SMTP server
// (smtp-server, started here). Prints JSON lines, the last one
// { members, delivered, duplicates, missing, messages_per_s, ratio }: receipts per second through the
// outbox (claim, rules, render, SMTP, record) against that server's raw accept rate measured in the same
// run with the same mail transport and the same number of messages in flight. Setup — holds, the close and
// its captures — is not timed: the close runs with a worker that has no notification tasks, then a worker
// with them starts and the clock runs until the last receipt is recorded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { createDb } from '@/db/client';
import { startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { groups, notifications } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { closeGroup } from '@/server/groups/close-group';
import { groupTasks } from '@/server/groups/tasks';
import { startWorker } from '@/server/jobs/worker';
import { createMailer } from '@/server/notifications/channels/email';
import { notificationTasks } from '@/server/notifications/tasks';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import { startStripeEmulator } from '@/tools/stripe-emulator/index';
import { startTestSmtp } from '@/test/smtp-server';
import { createDueGroup } from './due-group';
import { createTeardown } from './teardown';

const MEMBERS = 500;
const CONCURRENCY = 10;
const HARD_STOP_MS = 240_000;

const log = (msg: string) => process.stderr.write(`[bench:notify] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const line = (o: Record<string, unknown>) => console.log(JSON.stringify(o));

async function main(): Promise<void> {
  const teardown = createTeardown(HARD_STOP_MS, log);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-bench-notify-'));
  teardown.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(tmp, 'pg'),
    persistent: false,
    quiet: true,
    fast: true,
  });
  teardown.push(() => pg.stop().catch(() => {}));
  const emulator = await startStripeEmulator({ port: 0, rateLimit: 10_000 });
  teardown.push(() => emulator.stop());
  const smtp = await startTestSmtp({ parse: false });
  teardown.push(() => smtp.close());
  try {
    await migrateDatabase(pg.url);
    const db = createDb(pg.url, { max: 30 });
    teardown.push(() => db.$client.end());
    const mailer = createMailer(db, smtp.url, 'Flock <bench@flock.test>');
    teardown.push(async () => mailer.close());
    const deps: Deps = {
      db,
      payments: createStripePayments(createStripeClient({ emulatorUrl: emulator.url, maxNetworkRetries: 2 })),
      now: () => new Date(),
      appUrl: 'http://bench.local',
      mailer,
    };

    log(`setting up ${MEMBERS} members with real holds on the emulator`);
    const g = await createDueGroup(deps, MEMBERS);

    log('closing (captures, not timed)');
    const closer = await startWorker(db.$client, groupTasks(deps), { concurrency: 24, pollInterval: 100 });
    await closeGroup(deps, g.groupId, 'deadline');
    for (;;) {
      const [row] = await db.select({ s: groups.status }).from(groups).where(eq(groups.id, g.groupId));
      if (row?.s === 'won') break;
      await sleep(50);
    }
    await closer.stop();
    const planned = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.groupId, g.groupId), eq(notifications.moment, 'wonCharged')));
    line({ phase: 'closed', members: MEMBERS, receipts_planned: planned[0]?.n ?? 0 });

    // The server's raw accept rate: the same transport, messages of the receipts' size, CONCURRENCY in flight.
    const sample = 'x'.repeat(76) + '\n';
    const text = sample.repeat(20);
    const html = `<p>${sample.repeat(80)}</p>`;
    let next = 0;
    const r0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < MEMBERS; i = next++) {
          const r = await mailer.send({ to: `raw-${i}@bench.test`, subject: `Raw ${i}`, text, html });
          if (!r.ok) throw new Error(r.error);
        }
      }),
    );
    const rawSeconds = (performance.now() - r0) / 1000;
    const rawBytes = smtp.bytes();
    const rawPerS = MEMBERS / rawSeconds;
    line({
      phase: 'raw',
      messages: MEMBERS,
      seconds: +rawSeconds.toFixed(3),
      per_s: +rawPerS.toFixed(1),
      avg_bytes: Math.round(rawBytes / MEMBERS),
    });
    smtp.mails.length = 0;

    log('delivering the receipts');
    const t0 = performance.now();
    const sender = await startWorker(db.$client, notificationTasks(deps), {
      concurrency: CONCURRENCY,
      pollInterval: 50,
    });
    teardown.push(() => sender.stop());
    for (;;) {
      const r = await db.execute<{ open: number }>(sql`select count(*)::int as open from notifications
        where group_id = ${g.groupId} and status in ('pending', 'sending')`);
      if ((r.rows[0]?.open ?? 1) === 0) break;
      await sleep(20);
    }
    const seconds = (performance.now() - t0) / 1000;
    await sleep(300);

    const receipts = smtp.mails.filter((m) => m.to[0]?.startsWith('buyer-'));
    const perRecipient = new Map<string, number>();
    for (const m of receipts) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
    const missing = MEMBERS - perRecipient.size;
    const perS = receipts.length / seconds;
    line({
      phase: 'deliver',
      messages: receipts.length,
      seconds: +seconds.toFixed(3),
      per_s: +perS.toFixed(1),
      avg_bytes: Math.round((smtp.bytes() - rawBytes) / Math.max(1, smtp.mails.length)),
      merchant_notices: smtp.mails.length - receipts.length,
    });
    line({
      members: MEMBERS,
      delivered: perRecipient.size,
      duplicates,
      missing,
      messages_per_s: +perS.toFixed(1),
      ratio: +(perS / rawPerS).toFixed(3),
    });
  } finally {
    teardown.disarm();
    await teardown.run();
  }
}

main()
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  });
