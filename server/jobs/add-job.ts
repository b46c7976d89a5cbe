// Enqueueing graphile-worker jobs inside the caller's transaction, so a job exists only if the change that
// needs it commits. Typed by task-payloads.ts. Each payload carries the id of the request (or of the job's
// own request) that enqueued it, so the job's log lines can be found with the request's (server/ops/log.ts).
// Edit when enqueueing needs another option.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { currentRequestId } from '@/server/ops/log';
import type { TaskName, TaskPayload } from './task-payloads';

export type AddJobOptions = {
  /** Replaces a pending job with the same key (graphile-worker job_key); build it with job-keys.ts. */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
  priority?: number;
};

/** `payload` with the current request id as `reqId`, unless it names one already. */
function stamped<P extends object>(payload: P): P & { reqId?: string } {
  const reqId = currentRequestId();
  return reqId && !('reqId' in payload) ? { ...payload, reqId } : payload;
}

/** Enqueues one job inside the caller's transaction. */
export async function addJob<T extends TaskName>(
  tx: Tx,
  task: T,
  payload: TaskPayload<T>,
  opts: AddJobOptions = {},
): Promise<void> {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(stamped(payload))}::json,
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

export type JobSpec<T extends TaskName = TaskName> = {
  task: T;
  payload: TaskPayload<T>;
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
};

/** Enqueues many jobs in one statement inside the caller's transaction (graphile-worker's add_jobs). */
export async function addJobs(tx: Tx, specs: JobSpec[]): Promise<void> {
  if (specs.length === 0) return;
  const json = JSON.stringify(
    specs.map((s) => ({
      identifier: s.task,
      payload: stamped(s.payload),
      job_key: s.jobKey ?? null,
      run_at: s.runAt ? s.runAt.toISOString() : null,
      max_attempts: s.maxAttempts ?? null,
    })),
  );
  await tx.execute(sql`select count(*) from graphile_worker.add_jobs(
    array(select json_populate_record(null::graphile_worker.job_spec, j) from json_array_elements(${json}::json) as j)
  )`);
}
