// Vitest global setup: one PostgreSQL for the whole run (embedded, or DATABASE_URL when set) and a migrated
// template database; each test file clones its own database from it (test/db.ts). Edit when tests need
// another shared server.
import type { TestProject } from 'vitest/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedDb } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

let embedded: EmbeddedDb | undefined;
let tmp: string | undefined;

export default async function setup(project: TestProject) {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-test-pg-'));
    // Run as root, PostgreSQL runs as the postgres user, which must enter this folder.
    fs.chmodSync(tmp, 0o755);
    try {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(tmp, 'data'),
        database: 'postgres',
        persistent: false,
        quiet: true,
        fast: true,
      });
    } catch (err) {
      if (!(err instanceof EmbeddedPostgresError)) throw err;
      // One sentence that says what to do, not a stack trace.
      console.error(`[flock] the test database could not start: ${err.message}`);
      fs.rmSync(tmp, { recursive: true, force: true });
      process.exit(1);
    }
    adminUrl = embedded.url;
  }
  const template = `flock_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${template}"`);
  await admin.query(`create database "${template}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  await migrateDatabase(u.toString());
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const dbs = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like 'flock_t%'`,
    );
    for (const { datname } of dbs.rows)
      await c.query(`drop database if exists "${datname}" with (force)`).catch(() => {});
    await c.end();
    if (embedded) await embedded.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
