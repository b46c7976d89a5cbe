import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

export type JobSpec = { task: string; payload: Record<string, unknown>; jobKey?: string; runAt?: Date };

/** Enqueues many graphile-worker jobs in one statement inside the caller's transaction (add_jobs). */
export async function addJobs(tx: Tx, specs: JobSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const json = JSON.stringify(
    specs.map((s) => ({
      identifier: s.task,
      payload: s.payload,
      job_key: s.jobKey ?? null,
      run_at: s.runAt ? s.runAt.toISOString() : null,
    })),
  );
  await tx.execute(sql`select count(*) from graphile_worker.add_jobs(
    array(select json_populate_record(null::graphile_worker.job_spec, j) from json_array_elements(${json}::json) as j)
  )`);
}
