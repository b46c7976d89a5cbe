// Where a benchmark's CPU goes, process by process: on a 2-core machine the app server, PostgreSQL, the
// Stripe emulator and the load generator share the cores, so a throughput figure alone cannot say which
// one bounds it. Reads Linux's /proc (elsewhere the figures are absent). Edit when a benchmark starts
// another kind of process.
import fs from 'node:fs';

/** CPU time used so far (ms) by this process and its descendants, grouped by role. */
export type CpuSnapshot = Record<string, number>;

/** Linux counts CPU time in clock ticks of 1/100 s on every platform Node runs on. */
const TICK_MS = 10;

type Proc = { pid: number; ppid: number; comm: string; ms: number };

function readProc(pid: number): Proc | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields after it start after the last ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat
      .slice(close + 2)
      .split(' ')
      .map(Number);
    // After comm: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14). cutime/cstime hold the
    // children that already exited (a database connection closed), so nothing that ran is lost.
    const ticks = (f[11] ?? 0) + (f[12] ?? 0) + (f[13] ?? 0) + (f[14] ?? 0);
    return { pid, ppid: f[1] ?? 0, comm, ms: ticks * TICK_MS };
  } catch {
    return null;
  }
}

/**
 * CPU used so far by this process's tree, by role: `roles` names the root pid of each known child (its
 * descendants count for it); any other `postgres` process is "postgres", and the rest is "bench" (this
 * process, the load generator). Null where /proc is missing.
 */
export function cpuSnapshot(roles: Record<string, number | undefined>): CpuSnapshot | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const procs = new Map<number, Proc>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = readProc(Number(name));
    if (p) procs.set(p.pid, p);
  }
  const roleOfPid = new Map<number, string>();
  for (const [role, pid] of Object.entries(roles)) if (pid !== undefined) roleOfPid.set(pid, role);
  const out: CpuSnapshot = {};
  for (const p of procs.values()) {
    // Walk up to this process: the nearest named ancestor gives the role; outside our tree it does not count.
    let role: string | undefined;
    let cur: Proc | undefined = p;
    let ours = false;
    while (cur) {
      role ??= roleOfPid.get(cur.pid);
      if (cur.pid === process.pid) {
        ours = true;
        break;
      }
      cur = procs.get(cur.ppid);
    }
    if (!ours) continue;
    const r = role ?? (p.comm === 'postgres' ? 'postgres' : 'bench');
    out[r] = (out[r] ?? 0) + p.ms;
  }
  return out;
}

/** CPU ms per operation between two snapshots, by role, plus the total; null without /proc. */
export function cpuPerOp(
  before: CpuSnapshot | null,
  after: CpuSnapshot | null,
  ops: number,
): Record<string, number> | null {
  if (!before || !after || ops <= 0) return null;
  const out: Record<string, number> = {};
  let total = 0;
  for (const role of Object.keys(after).sort()) {
    const ms = (after[role] ?? 0) - (before[role] ?? 0);
    total += ms;
    out[role] = Math.round((ms / ops) * 100) / 100;
  }
  out['total'] = Math.round((total / ops) * 100) / 100;
  return out;
}
