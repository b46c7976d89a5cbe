// Group commit for one hot row: requests that arrive for the same key while a batch for that key is in
// flight wait and run together in the next batch, so N concurrent joins on one group cost about one
// transaction per batch instead of N transactions queued on the group row's lock. A lone request runs at
// once (no added latency when idle).

type Pending<Req, Res> = { req: Req; resolve: (r: Res) => void; reject: (e: unknown) => void };

/** Runs a batch and returns one result (or Error) per request, in order. */
export type BatchRunner<Req, Res> = (key: string, reqs: Req[]) => Promise<Array<Res | Error>>;

/** Builds a per-key batcher around `run`; at most one batch per key is in flight in this process. */
export function createKeyedBatcher<Req, Res>(
  run: BatchRunner<Req, Res>,
  maxBatch = 200,
): (key: string, req: Req) => Promise<Res> {
  const queues = new Map<string, Pending<Req, Res>[]>();
  const running = new Set<string>();

  async function drain(key: string): Promise<void> {
    running.add(key);
    try {
      for (;;) {
        const queue = queues.get(key);
        if (!queue || queue.length === 0) break;
        const batch = queue.splice(0, maxBatch);
        try {
          const results = await run(
            key,
            batch.map((p) => p.req),
          );
          batch.forEach((p, i) => {
            const r = results[i];
            if (r instanceof Error) p.reject(r);
            else if (r === undefined) p.reject(new Error('batch returned no result'));
            else p.resolve(r);
          });
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      queues.delete(key);
      running.delete(key);
    }
  }

  return (key, req) =>
    new Promise<Res>((resolve, reject) => {
      const queue = queues.get(key) ?? [];
      queue.push({ req, resolve, reject });
      queues.set(key, queue);
      if (!running.has(key)) void drain(key);
    });
}
