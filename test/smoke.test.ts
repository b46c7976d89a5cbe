import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from './db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

describe('test database', () => {
  it('has the schema and graphile-worker installed', async () => {
    const r = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from information_schema.tables where table_name in ('groups','members','deals','events')`,
    );
    expect(r.rows[0]?.n).toBe(4);
    const w = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from information_schema.routines where routine_schema = 'graphile_worker' and routine_name = 'add_job'`,
    );
    expect(w.rows[0]?.n).toBe(1);
  });
});
