// The embedded PostgreSQL starts where a clone may live (a folder only its owner can enter, as /root or
// `mktemp -d` are) and survives its port being taken between choosing it and binding it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EmbeddedPostgresError, freePort, startEmbeddedPostgres } from './embedded';

let home = '';
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-embedded-'));
  fs.chmodSync(home, 0o700);
});
afterEach(() => {
  fs.rmSync(home, { recursive: true, force: true });
});

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ one: number }>('select 1 as one');
    return r.rows[0]?.one ?? 0;
  } finally {
    await client.end();
  }
}

it('starts with its data folder inside a folder only its owner can enter, and keeps the data', async () => {
  const dataDir = path.join(home, 'clone', '.flock', 'pg');
  const first = await startEmbeddedPostgres({ dataDir, database: 'flock', quiet: true, fast: true });
  try {
    expect(await selectOne(first.url)).toBe(1);
    // The app's URL reaches the same server over its Unix socket (no server address), the other over TCP.
    const serverAddress = async (url: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<{ a: string | null }>('select inet_server_addr()::text as a')).rows[0]?.a;
      } finally {
        await client.end();
      }
    };
    expect(await serverAddress(first.socketUrl)).toBeNull();
    expect(await serverAddress(first.url)).toBe('127.0.0.1/32');
    const c = new pg.Client({ connectionString: first.url });
    await c.connect();
    await c.query('create table kept (n int); insert into kept values (42)');
    await c.end();
    // As root, the postgres user cannot enter `home`, so the cluster lives in a folder it can reach.
    if (process.getuid?.() === 0) expect(first.dataDir.startsWith(home)).toBe(false);
    else expect(first.dataDir).toBe(dataDir);
  } finally {
    await first.stop();
  }
  const second = await startEmbeddedPostgres({ dataDir, database: 'flock', quiet: true, fast: true });
  try {
    expect(second.dataDir).toBe(first.dataDir);
    const c = new pg.Client({ connectionString: second.url });
    await c.connect();
    expect((await c.query<{ n: number }>('select n from kept')).rows).toEqual([{ n: 42 }]);
    await c.end();
  } finally {
    await second.stop();
    fs.rmSync(path.dirname(second.dataDir), { recursive: true, force: true });
  }
});

it('takes another port when the one it picked is taken before PostgreSQL binds it', async () => {
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const addr = squatter.address();
  const taken = typeof addr === 'object' && addr ? addr.port : 0;
  const picked: number[] = [];
  const db = await startEmbeddedPostgres({
    dataDir: path.join(home, 'pg'),
    persistent: false,
    quiet: true,
    fast: true,
    pickPort: async () => {
      const port = picked.length === 0 ? taken : await freePort();
      picked.push(port);
      return port;
    },
  });
  try {
    expect(picked[0]).toBe(taken);
    expect(db.port).not.toBe(taken);
    expect(await selectOne(db.url)).toBe(1);
  } finally {
    await db.stop();
    await new Promise((resolve) => squatter.close(resolve));
  }
});

it('refuses a port given explicitly that is taken, in one sentence', async () => {
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
  const addr = squatter.address();
  const taken = typeof addr === 'object' && addr ? addr.port : 0;
  try {
    const err = await startEmbeddedPostgres({
      dataDir: path.join(home, 'pg'),
      persistent: false,
      quiet: true,
      port: taken,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedPostgresError);
    expect(err instanceof Error ? err.message : '').toBe(`Port ${taken} is taken: choose another one.`);
  } finally {
    await new Promise((resolve) => squatter.close(resolve));
  }
});
