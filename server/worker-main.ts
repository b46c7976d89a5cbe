// `npm run worker`: the job worker as its own process, for scaling out (run the web server with
// FLOCK_NO_WORKER=1). Needs DATABASE_URL and STRIPE_SECRET_KEY or STRIPE_EMULATOR_URL; with
// WORKER_METRICS_PORT it also serves /metrics and /health (server/ops/worker-http.ts). Edit when the
// worker process needs another start-up step.
import { getDeps } from './deps';
import { getEnv } from './env';
import { startWorkerHttp, type WorkerHttp } from './ops/worker-http';
import { startAppWorker } from './tasks';

async function main(): Promise<void> {
  const deps = getDeps();
  const port = getEnv().WORKER_METRICS_PORT;
  const worker = await startAppWorker(deps);
  const http: WorkerHttp | null = port === undefined ? null : await startWorkerHttp(deps, port);
  console.log(
    `[worker] ${worker.runnerId} running${http ? `; /metrics and /health on port ${http.port}` : ''}`,
  );
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    // /health says "stopping" while running jobs finish; /metrics answers until the worker has stopped.
    http?.draining();
    await worker.stop();
    await http?.close();
    await deps.db.$client.end();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error('[worker] could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
