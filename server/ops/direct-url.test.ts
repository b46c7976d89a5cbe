// Behind PgBouncer in transaction mode (issue 19, in part): what needs a session of its own — the LISTEN
// for live updates, the job worker's liveness lock and its LISTEN for new jobs — goes to the direct
// connection (DATABASE_DIRECT_URL), while queries stay on the pooled one. Checked here by naming the
// direct connection and finding each session under that name in pg_stat_activity.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '@/server/deps';
import type { WorkerHandle } from '@/server/jobs/worker';
import { closeLiveHub, getLiveHub } from '@/server/live/listener';
import { startAppWorker } from '@/server/tasks';
import { createHarness, type Harness } from '@/test/harness';
import { readiness } from './readiness';

let h: Harness;
let deps: Deps;
let worker: WorkerHandle | null = null;

beforeAll(async () => {
  h = await createHarness();
  const direct = new URL(h.t.url);
  direct.searchParams.set('application_name', 'flock-direct');
  deps = { ...h.deps, directUrl: direct.toString() };
});
afterAll(async () => {
  await worker?.stop();
  await closeLiveHub(deps);
  await h.close();
});

/** The queries of this database's sessions opened on the direct connection. */
async function directSessions(): Promise<string[]> {
  const r = await h.t.db.execute<{ query: string }>(sql`
    select query from pg_stat_activity
    where datname = current_database() and application_name = 'flock-direct'`);
  return r.rows.map((x) => x.query);
}

describe('the direct connection', () => {
  it('carries LISTEN and the worker’s sessions, and the instance is ready', async () => {
    expect(await directSessions()).toEqual([]);
    expect(await getLiveHub(deps).isListening()).toBe(true);
    expect((await directSessions()).some((q) => /listen/i.test(q))).toBe(true);

    worker = await startAppWorker(deps, { pollInterval: 100 });
    const locked = await h.t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and a.application_name = 'flock-direct'`);
    expect(locked.rows[0]?.n).toBeGreaterThan(0);
    expect(await readiness(deps)).toMatchObject({ ready: true });
  });
});
