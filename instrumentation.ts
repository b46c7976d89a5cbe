// Next.js start-up hook: runs the job worker inside the server process unless FLOCK_NO_WORKER is set
// (use `npm run worker` to run it separately when scaling out). Edit when something must start with the server.
export async function register() {
  // NEXT_RUNTIME is set by Next itself and must be read inline here so the edge bundle drops this branch.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getEnv } = await import('./server/env');
  if (getEnv().FLOCK_NO_WORKER || !getEnv().DATABASE_URL) return;
  const { getDeps } = await import('./server/deps');
  const { startAppWorker } = await import('./server/tasks');
  const { setInProcessWorker } = await import('./server/jobs/in-process');
  setInProcessWorker(await startAppWorker(getDeps()));
  console.log('[flock] job worker running in the server process');
}
