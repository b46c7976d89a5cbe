// Real worker processes for tests that kill one mid-job (SIGKILL) and let the next take over, and the
// polling and counting those tests share. Edit when the worker's entry point or its environment changes.
import { spawn, type ChildProcess } from 'node:child_process';
import { and, eq, sql } from 'drizzle-orm';
import { members } from '@/db/schema';
import type { Harness } from '@/test/harness';
import { processEnv } from '@/tools/process-env';

/** Spawns workers on `h`'s database and emulator (`npm run worker`, not a mock) and kills what is left at the end. */
export function workerProcesses(harness: () => Harness) {
  const children: ChildProcess[] = [];
  return {
    /** A real worker process: node with tsx's loader, so SIGKILL hits the worker itself. */
    spawn(extraEnv: Record<string, string>): ChildProcess {
      const h = harness();
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/worker-main.ts'], {
        env: { ...processEnv(), DATABASE_URL: h.t.url, STRIPE_EMULATOR_URL: h.emulatorUrl, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.resume();
      child.stderr?.resume();
      children.push(child);
      return child;
    },
    /** Kills every worker still running (afterAll). */
    killAll(): void {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    },
  };
}

/** Polls `fn` every 100 ms until it returns a value, or throws after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  fn: () => Promise<T | null | false>,
  timeoutMs: number,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** How many members of `groupId` are captured. */
export async function countCaptured(h: Harness, groupId: string): Promise<number> {
  const r = await h.t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.status, 'captured')));
  return r[0]?.n ?? 0;
}
