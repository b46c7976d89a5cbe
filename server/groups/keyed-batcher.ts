// Group commit for one hot row: requests that arrive for the same key while a batch for that key is in
// flight wait and run together in the next batch, so N concurrent joins on one group cost about one
// transaction per batch instead of N transactions queued on the group row's lock. A lone request runs at
// once (no added latency when idle).
import { currentRequestId, inLogScope } from '@/server/ops/log';

type Pending<Req, Res> = {
  req: Req;
  /** The request id the caller followed, for the jobs its part of the batch enqueues. */
  reqId: string | null;
  resolve: (r: Res) => void;
  reject: (e: unknown) => void;
};

/** Runs a batch and returns one result (or Error) per request, in order. */
export type BatchRunner<Req, Res> = (key: string, reqs: Req[]) => Promise<Array<Res | Error>>;

/**
 * Builds a per-key batcher around `run`; at most one batch per key is in flight in this process.
 * `isBatchWide(err)` says a thrown error answers every request alike (not worth splitting the batch for).
 */
export function createKeyedBatcher<Req, Res>(
  run: BatchRunner<Req, Res>,
  opts: { maxBatch?: number; isBatchWide?: (err: unknown) => boolean } = {},
): (key: string, req: Req) => Promise<Res> {
  const maxBatch = opts.maxBatch ?? 200;
  const isBatchWide = opts.isBatchWide ?? (() => false);
  const queues = new Map<string, Pending<Req, Res>[]>();
  const running = new Set<string>();

  async function settle(key: string, batch: Pending<Req, Res>[]): Promise<void> {
    try {
      // The batch runs in the scope of whichever request started draining: a batch of one keeps its own
      // request id (its jobs carry it); a shared batch carries none rather than one request's for all.
      const reqId = batch.length === 1 ? (batch[0]?.reqId ?? null) : null;
      const results = await inLogScope({ reqId }, () =>
        run(
          key,
          batch.map((p) => p.req),
        ),
      );
      batch.forEach((p, i) => {
        const r = results[i];
        if (r instanceof Error) p.reject(r);
        else if (r === undefined) p.reject(new Error('batch returned no result'));
        else p.resolve(r);
      });
    } catch (err) {
      // One request can fail the whole transaction (a constraint, a value the database refuses). Unless the
      // error is a decision about every request (`isBatchWide`), split the batch in halves and run each on
      // its own, so the bad request fails alone and the others complete (the failed transaction wrote nothing).
      if (batch.length === 1 || isBatchWide(err)) {
        for (const p of batch) p.reject(err);
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await settle(key, batch.slice(0, half));
      await settle(key, batch.slice(half));
    }
  }

  async function drain(key: string): Promise<void> {
    running.add(key);
    try {
      for (;;) {
        const queue = queues.get(key);
        if (!queue || queue.length === 0) break;
        await settle(key, queue.splice(0, maxBatch));
      }
    } finally {
      queues.delete(key);
      running.delete(key);
    }
  }

  return (key, req) =>
    new Promise<Res>((resolve, reject) => {
      const queue = queues.get(key) ?? [];
      queue.push({ req, reqId: currentRequestId(), resolve, reject });
      queues.set(key, queue);
      if (!running.has(key)) void drain(key);
    });
}
