// Readiness (/api/ready): may this instance take traffic? Its database answers, every migration in the
// build is applied, its LISTEN connection for live updates is up, and a job worker is alive somewhere
// (a runner holding its liveness lock: server/jobs/worker.ts). Liveness (/api/health) only asks the database.
import { sql } from 'drizzle-orm';
import journal from '@/db/migrations/meta/_journal.json';
import type { Deps } from '@/server/deps';
import { LIVENESS_NAMESPACE } from '@/server/jobs/worker';
import { getLiveHub } from '@/server/live/listener';

export type ReadyCheck = { name: 'database' | 'migrations' | 'live' | 'worker'; ok: boolean; detail: string };

const within = <T>(ms: number, p: Promise<T>): Promise<T> =>
  Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);

async function check(name: ReadyCheck['name'], run: () => Promise<string | null>): Promise<ReadyCheck> {
  try {
    const problem = await within(3000, run());
    return { name, ok: problem === null, detail: problem ?? 'ok' };
  } catch (err) {
    return { name, ok: false, detail: err instanceof Error ? err.message : 'failed' };
  }
}

/** Every readiness check; ready when all pass. */
export async function readiness(deps: Pick<Deps, 'db'>): Promise<{ ready: boolean; checks: ReadyCheck[] }> {
  const checks = await Promise.all([
    check('database', async () => {
      await deps.db.execute(sql`select 1`);
      return null;
    }),
    check('migrations', async () => {
      const expected = journal.entries.length;
      const r = await deps.db.execute<{ n: number }>(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      const applied = r.rows[0]?.n ?? 0;
      return applied >= expected ? null : `${applied} of ${expected} migrations applied`;
    }),
    check('live', async () =>
      (await getLiveHub(deps).isListening()) ? null : 'the LISTEN connection is not up',
    ),
    check('worker', async () => {
      const r = await deps.db.execute<{ n: number }>(sql`
        select count(*)::int as n from worker_runners
        where lock_key in (
          select objid::bigint from pg_locks
          where locktype = 'advisory' and granted and classid::bigint = ${LIVENESS_NAMESPACE} and objsubid = 2
            and database = (select oid from pg_database where datname = current_database())
        )`);
      return (r.rows[0]?.n ?? 0) > 0 ? null : 'no job worker is running';
    }),
  ]);
  return { ready: checks.every((c) => c.ok), checks };
}
