// Migration 0012 on a database that already has groups: each group gets its room, each live member a seat
// that reads from the start, and closed groups the closing and purge dates their close implies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb } from './client';
import { migrationsFolder } from './migrate';

const name = `flock_mig_${randomBytes(5).toString('hex')}`;
const adminUrl = inject('pgAdminUrl');
const url = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

/** The migrations folder as it was before `tag` (its journal cut there). */
function folderBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-migrations-'));
  fs.cpSync(migrationsFolder, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  if (cut < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, cut);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await admin(`drop database if exists "${name}" with (force)`);
});

describe('migration 0012 (rooms)', () => {
  it('gives existing groups their rooms and their live members seats that read from the start', async () => {
    await admin(`create database "${name}"`);
    const db = createDb(url, { max: 2 });
    try {
      await migrate(db, { migrationsFolder: folderBefore('0012_rooms') });
      const q = (text: string, values: unknown[] = []) => db.$client.query(text, values);
      await q(`insert into "user" (id, name, email) values ('m', 'Shop', 'shop@example.test'),
        ('a', 'A', 'a@example.test'), ('b', 'B', 'b@example.test'), ('c', 'C', 'c@example.test')`);
      const shop = (await q(`insert into merchants (user_id, name) values ('m', 'Shop') returning id`))
        .rows[0].id;
      const deal = (
        await q(
          `insert into deals (merchant_id, slug, title, currency, list_price, tiers, window_seconds, status)
           values ($1, 'tea', 'Tea', 'USD', 1000, '[{"minMembers":2,"unitPrice":800}]', 3600, 'active') returning id`,
          [shop],
        )
      ).rows[0].id;
      const group = async (code: string, status: string, closedAt: string | null) =>
        (
          await q(
            `insert into groups (code, deal_id, currency, list_price, tiers, min_members, max_members, qr_cutoff,
               per_buyer_max, deadline, status, closed_at)
             values ($1, $2, 'USD', 1000, '[{"minMembers":2,"unitPrice":800}]', 2, 10, 10, 1, now() + interval '1 day', $3, $4)
             returning id`,
            [code, deal, status, closedAt],
          )
        ).rows[0].id as string;
      const open = await group('opengroup1', 'open', null);
      const won = await group('wongroup01', 'won', '2026-11-01T00:00:00Z');
      const member = (g: string, user: string, status: string, alias: string) =>
        q(
          `insert into members (group_id, user_id, alias, quantity, status, unit_price_at_join, hold_amount, invite_code)
           values ($1, $2, $3, 1, $4, 800, 800, $5)`,
          [g, user, alias, status, randomBytes(5).toString('hex')],
        );
      await member(open, 'a', 'authorized', 'Ann');
      await member(open, 'b', 'left', 'Bo');
      await member(won, 'c', 'captured', 'Cy');

      await migrate(db, { migrationsFolder });

      const rooms = await q(
        `select group_id, kind, merchant_id, member_count, closes_at, purge_at from rooms order by member_count`,
      );
      expect(rooms.rows).toHaveLength(2);
      const byGroup = new Map(rooms.rows.map((r) => [r.group_id as string, r]));
      expect(byGroup.get(open)).toMatchObject({
        kind: 'group',
        merchant_id: shop,
        member_count: 1,
        closes_at: null,
      });
      expect(byGroup.get(won)?.member_count).toBe(1);
      expect((byGroup.get(won)?.closes_at as Date).toISOString()).toBe('2026-11-15T00:00:00.000Z');
      expect((byGroup.get(won)?.purge_at as Date).toISOString()).toBe('2027-01-30T00:00:00.000Z');
      const seats = await q(`select user_id, alias, history_from from room_members order by alias`);
      // The member who left has no seat; the others read everything (history_from 0).
      expect(seats.rows).toEqual([
        { user_id: 'a', alias: 'Ann', history_from: '0' },
        { user_id: 'c', alias: 'Cy', history_from: '0' },
      ]);
    } finally {
      await db.$client.end();
    }
  });
});
