// Brings up what the environment lacks: an embedded PostgreSQL when DATABASE_URL is unset, the Stripe
// emulator when STRIPE_SECRET_KEY is unset, a development auth secret. Used by `npm run dev`/`start`
// and `npm run db:seed`. Edit when the app gains another local service.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { getEnv } from '@/server/env';
import { vapidKeysInFolder } from '@/server/notifications/vapid';
import { setEnv } from './process-env';
import { startStripeEmulator } from './stripe-emulator/index';

export type LocalServices = { databaseUrl: string; stop(): Promise<void> };

/** Starts the missing services, migrates the database and exports their addresses into the environment. */
export async function startLocalServices(): Promise<LocalServices> {
  const env = getEnv();
  const dataDir = path.resolve(env.FLOCK_DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), database: 'flock' });
    stops.push(() => pg.stop());
    databaseUrl = pg.socketUrl;
    const inside = pg.dataDir.startsWith(process.cwd() + path.sep);
    console.log(
      `[flock] embedded PostgreSQL on port ${pg.port} (data in ${inside ? path.relative(process.cwd(), pg.dataDir) : pg.dataDir})`,
    );
  }
  setEnv({ DATABASE_URL: databaseUrl });
  await migrateDatabase(databaseUrl);

  if (!env.STRIPE_SECRET_KEY) {
    const emulator = await startStripeEmulator({
      port: 0,
      dataFile: path.join(dataDir, 'stripe-emulator.json'),
    });
    stops.push(() => emulator.stop());
    setEnv({ STRIPE_EMULATOR_URL: emulator.url });
    console.log(`[flock] Stripe emulator on ${emulator.url} (demo mode: test cards, no real money)`);
  }

  if (!env.BETTER_AUTH_SECRET) {
    const file = path.join(dataDir, 'auth-secret');
    if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    setEnv({ BETTER_AUTH_SECRET: fs.readFileSync(file, 'utf8').trim() });
  }

  // Web Push keys, kept beside the auth secret so browsers' subscriptions survive restarts.
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) {
    const pair = vapidKeysInFolder(dataDir);
    setEnv({ VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey });
  }

  const port = env.PORT;
  setEnv({ APP_URL: (env.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, ''), PORT: String(port) });

  return {
    databaseUrl,
    async stop() {
      for (const s of stops.reverse()) await s().catch(() => {});
    },
  };
}
