// One command to run Flock: `npm run dev` (next dev) or `npm start` (next start after `npm run build`).
// Starts what is missing from the environment — an embedded PostgreSQL when DATABASE_URL is unset, the
// Stripe emulator when STRIPE_SECRET_KEY is unset — migrates, seeds an empty database, then runs Next
// (which runs the job worker in-process). Edit when the app gains another local service.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded';
import { migrateDatabase } from '../db/migrate';
import { getEnv, processEnv, setEnv } from '../server/env';
import { startStripeEmulator } from './stripe-emulator/index';

type Stoppable = { stop(): Promise<void> };

async function main() {
  const mode = process.argv[2] === 'start' ? 'start' : 'dev';
  const env = getEnv();
  const dataDir = path.resolve(env.FLOCK_DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const stops: Stoppable[] = [];

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), database: 'flock' });
    stops.push(pg);
    databaseUrl = pg.url;
    console.log(`[flock] embedded PostgreSQL on port ${pg.port} (data in ${path.relative(process.cwd(), dataDir)}/pg)`);
  }
  setEnv({ DATABASE_URL: databaseUrl });
  await migrateDatabase(databaseUrl);

  if (!env.STRIPE_SECRET_KEY) {
    const emulator = await startStripeEmulator({ port: 0, dataFile: path.join(dataDir, 'stripe-emulator.json') });
    stops.push(emulator);
    setEnv({ STRIPE_EMULATOR_URL: emulator.url });
    console.log(`[flock] Stripe emulator on ${emulator.url} (demo mode: test cards, no real money)`);
  }

  if (!env.BETTER_AUTH_SECRET) {
    const file = path.join(dataDir, 'auth-secret');
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    setEnv({ BETTER_AUTH_SECRET: fs.readFileSync(file, 'utf8').trim() });
  }

  const port = env.PORT;
  const url = (env.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  setEnv({ APP_URL: url, PORT: String(port) });

  const { seedIfEmpty } = await import('../db/seed');
  const seeded = await seedIfEmpty(databaseUrl);
  if (seeded) console.log('[flock] seeded demo merchant and deals');

  if (!env.STRIPE_SECRET_KEY) {
    const { registerEmulatorWebhook } = await import('../server/payments/register-emulator-webhook');
    const secret = await registerEmulatorWebhook(`${url}/api/stripe/webhook`);
    setEnv({ STRIPE_WEBHOOK_SECRET: secret });
  }

  const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [nextBin, mode, '-p', String(port), '-H', '0.0.0.0'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...processEnv(), NODE_ENV: mode === 'dev' ? 'development' : 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  console.log(`[flock] ${mode === 'dev' ? 'development' : 'production'} server starting at ${url}`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    for (const s of stops.reverse()) await s.stop().catch(() => {});
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
