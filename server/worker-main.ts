// `npm run worker`: the job worker as its own process, for scaling out (run the web server with
// FLOCK_NO_WORKER=1). Needs DATABASE_URL and STRIPE_SECRET_KEY or STRIPE_EMULATOR_URL. Edit when the
// worker process needs another start-up step.
import { getDeps } from './deps';
import { startAppWorker } from './tasks';

async function main(): Promise<void> {
  const deps = getDeps();
  const worker = await startAppWorker(deps);
  console.log(`[worker] ${worker.runnerId} running`);
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
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
