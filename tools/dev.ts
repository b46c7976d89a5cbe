// One command to run Flock: `npm run dev` (next dev) or `npm start` (next start after `npm run build`);
// `npm run start:web` is `npm start` without the in-process job worker (run `npm run start:worker` beside it).
// Starts the local services the environment lacks, seeds an empty database, registers the webhook with the
// emulator, then runs the app's server entry (tools/server.ts: Next behind node:http, which stamps each
// request with the client's address; Next runs the job worker in-process). Edit when start-up gains a step.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { appUrl, getEnv } from '@/server/env';
import { processEnv, setEnv } from './process-env';
import { startLocalServices } from './local-services';

// This machine's IPv4 addresses other devices on the network can reach (a phone on the same Wi-Fi).
function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a?.address ?? '')
    .filter(Boolean);
}

async function main() {
  const mode = process.argv[2] === 'start' ? 'start' : 'dev';
  // `npm run start:web`: a web instance only; jobs run in `npm run start:worker` processes.
  const webOnly = process.argv.includes('--web');
  const services = await startLocalServices();
  const env = getEnv();
  const url = appUrl();

  const { seedIfEmpty } = await import('@/db/seed');
  if (await seedIfEmpty(services.databaseUrl))
    console.log('[flock] seeded the demo merchant, deals and groups');

  if (!env.STRIPE_SECRET_KEY) {
    const { registerEmulatorWebhook } = await import('@/server/payments/register-emulator-webhook');
    setEnv({ STRIPE_WEBHOOK_SECRET: await registerEmulatorWebhook(`${url}/api/stripe/webhook`) });
  }

  const entry = path.join(process.cwd(), 'tools', 'server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry, mode], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...processEnv(),
      NODE_ENV: mode === 'dev' ? 'development' : 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      ...(webOnly ? { FLOCK_NO_WORKER: '1' } : {}),
    },
  });
  console.log(`[flock] ${mode === 'dev' ? 'development' : 'production'} server starting at ${url}`);
  const lan = lanAddresses().map((a) => `http://${a}:${env.PORT}`);
  if (lan.length > 0)
    console.log(
      `[flock] on this network also at ${lan.join(', ')} (set APP_URL to one of them so share links and QR codes point there: README "Try it on your phone")`,
    );

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The server stops gracefully (up to 30 s: requests and jobs finish); the local database and emulator
    // it uses stop only after it has exited.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 31_000))]);
    }
    await services.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  child.on('exit', (code) => void shutdown(code ?? 0));
}

main().catch((err: unknown) => {
  console.error('[flock] could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
