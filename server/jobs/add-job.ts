import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

export type AddJobOptions = {
  /** Replaces a pending job with the same key (graphile-worker job_key). */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
  priority?: number;
};

/** Enqueues a graphile-worker job inside the caller's transaction, so it exists only if the change commits. */
export async function addJob(
  tx: Tx,
  task: string,
  payload: Record<string, unknown>,
  opts: AddJobOptions = {},
): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    queue_name => ${opts.queueName ?? null}::text,
    run_at => ${opts.runAt ? opts.runAt.toISOString() : null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? null}::int,
    job_key => ${opts.jobKey ?? null}::text,
    priority => ${opts.priority ?? null}::int,
    job_key_mode => ${opts.jobKeyMode ?? null}::text
  )`);
}

/** Removes a pending job by key (no-op when it does not exist or is running). */
export async function removeJob(tx: Tx, jobKey: string): Promise<void> {
  await tx.execute(sql`select graphile_worker.remove_job(${jobKey})`);
}

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
