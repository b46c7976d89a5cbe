// The job worker running inside the web server's process (instrumentation.ts starts it), so the server's
// graceful stop (tools/server.ts) can let its running jobs finish. A globalThis slot: Next loads the
// instrumentation hook in its own module graph, the server entry in another.
import type { WorkerHandle } from './worker';

type Slot = { __flockInProcessWorker?: WorkerHandle };

/** Remembers the in-process worker. */
export function setInProcessWorker(worker: WorkerHandle): void {
  (globalThis as typeof globalThis & Slot).__flockInProcessWorker = worker;
}

/** The in-process worker, if this process runs one. */
export function inProcessWorker(): WorkerHandle | undefined {
  return (globalThis as typeof globalThis & Slot).__flockInProcessWorker;
}
