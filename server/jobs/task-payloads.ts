// Every task's name and payload, declared once: graphile-worker's `GraphileWorker.Tasks` (declaration
// merging) types addJob's payloads, and each task parses its payload with the same schema.
// Edit when a task is added or its payload changes.
import { z } from 'zod';

/**
 * The id of the request that caused the job (addJob stamps it; server/ops/log.ts), for the job's log lines.
 * Optional everywhere; a malformed one is dropped rather than failing the job.
 */
const reqId = z.string().max(100).optional().catch(undefined);

export const taskPayloads = {
  'close-group': z.object({
    groupId: z.uuid(),
    reason: z.enum(['deadline', 'full']).default('deadline'),
    reqId,
  }),
  'expire-reservation': z.object({ memberId: z.uuid(), reqId }),
  'settle-member': z.object({ memberId: z.uuid(), reqId }),
  'send-notification': z.object({ id: z.number().int().positive(), reqId }),
  /** Cron (every minute): plans the "closing soon" reminders that have come due. */
  'notify-closing-soon': z.object({}).loose(),
  /** Cron (hourly): plans the daily summary of merchants for whom it is now the summary hour. */
  'notify-daily-summary': z.object({}).loose(),
  /** Cron (hourly): deletes the messages of rooms past their retention. */
  'rooms-purge': z.object({}).loose(),
  /** At a payment_due member's due_until: paid by then, or failed with the units back in stock. */
  'recovery-lapse': z.object({ memberId: z.uuid(), reqId }),
  /** A day after a soft decline of a saved card: the one automatic retry. */
  'recovery-retry': z.object({ memberId: z.uuid(), reqId }),
  /** Brings a helper-seller's commission transfer to what is owed: paid after the refund window, reversed after a refund. */
  'settle-commission': z.object({ commissionId: z.uuid(), reqId }),
};

export type TaskName = keyof typeof taskPayloads;

/** What an enqueuer passes for task `T` (defaults may be left out). */
export type TaskPayload<T extends TaskName> = z.input<(typeof taskPayloads)[T]>;

/** Parses a payload read from the queue (unknown) for task `T`. */
export function parseTaskPayload<T extends TaskName>(
  task: T,
  raw: unknown,
): z.output<(typeof taskPayloads)[T]> {
  return taskPayloads[task].parse(raw) as z.output<(typeof taskPayloads)[T]>;
}

/** The request id a job's payload carries (any task's, read from the queue as unknown), or null. */
export function payloadRequestId(raw: unknown): string | null {
  const r = z.object({ reqId }).safeParse(raw);
  return r.success ? (r.data.reqId ?? null) : null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace GraphileWorker {
    interface Tasks {
      'close-group': TaskPayload<'close-group'>;
      'expire-reservation': TaskPayload<'expire-reservation'>;
      'settle-member': TaskPayload<'settle-member'>;
      'send-notification': TaskPayload<'send-notification'>;
      'notify-closing-soon': TaskPayload<'notify-closing-soon'>;
      'notify-daily-summary': TaskPayload<'notify-daily-summary'>;
      'rooms-purge': TaskPayload<'rooms-purge'>;
      'recovery-lapse': TaskPayload<'recovery-lapse'>;
      'recovery-retry': TaskPayload<'recovery-retry'>;
      'settle-commission': TaskPayload<'settle-commission'>;
    }
  }
}
