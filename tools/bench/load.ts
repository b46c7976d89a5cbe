// The load loops the HTTP benchmarks share (bench:http, bench:scale): autocannon on a page as a phone's
// browser, a join loop with a fixed number in flight, percentiles, and the production build they serve.
// Edit when a benchmark needs another kind of load.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { processEnv } from '../process-env';
import { cpuPerOp, type CpuSnapshot } from './process-cpu';

/** The load bench:http and bench:scale apply, each settable by the environment variable beside it. */
export const LOAD = {
  /** Seconds per page measurement. */
  seconds: Number(process.env.BENCH_SECONDS ?? 10),
  /** autocannon's connections on a page. */
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  /** Joins kept in flight, and for how many seconds. */
  joinInFlight: Number(process.env.BENCH_JOIN_IN_FLIGHT ?? 64),
  joinSeconds: Number(process.env.BENCH_JOIN_SECONDS ?? 10),
  /** The production build the benchmarks serve. */
  distDir: process.env.FLOCK_DIST_DIR ?? '.next-bench',
};

/** Reads the CPU used so far by the benchmark's processes (process-cpu.ts's cpuSnapshot, roles bound). */
export type CpuProbe = () => CpuSnapshot | null;

/** A mid-range Android phone's browser: a person, so the page counts the visit as it would in production. */
export const PHONE_UA =
  'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The p-th percentile (nearest rank) of an ascending list; 0 when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** `next build` into `distDir` when it has none (or `force`); puts back tsconfig.json, which next build rewrites. */
export function buildIfNeeded(distDir: string, force: boolean, log: (line: string) => void): void {
  if (!force && fs.existsSync(path.join(distDir, 'BUILD_ID'))) {
    log(`using the build in ${distDir} (pass --build after changing the app)`);
    return;
  }
  log(`building into ${distDir}`);
  const tsconfig = fs.readFileSync('tsconfig.json', 'utf8');
  try {
    const r = spawnSync('npx', ['next', 'build'], {
      stdio: ['ignore', 2, 'inherit'],
      env: { ...processEnv(), FLOCK_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error(`next build failed (${String(r.status)})`);
  } finally {
    if (fs.readFileSync('tsconfig.json', 'utf8') !== tsconfig) fs.writeFileSync('tsconfig.json', tsconfig);
  }
}

export type PageRow = {
  name: string;
  path: string;
  round: number;
  connections: number;
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
  kb_per_req: number;
  /** CPU ms per request by process (server, postgres, emulator, bench: autocannon), where /proc exists. */
  cpu_ms_per_req?: Record<string, number> | null;
};

/** autocannon on one path of `base`: throughput and latency, every non-2xx counted. */
export async function pageLoad(
  base: string,
  o: { name: string; path: string; round: number; seconds: number; connections: number; cpu?: CpuProbe },
): Promise<PageRow> {
  const before = o.cpu?.() ?? null;
  const res = await autocannon({
    url: base + o.path,
    connections: o.connections,
    duration: o.seconds,
    headers: { 'user-agent': PHONE_UA, accept: 'text/html,*/*', 'accept-language': 'en' },
  });
  return {
    name: o.name,
    path: o.path,
    round: o.round,
    connections: o.connections,
    req_per_s: round(res.requests.average),
    p50_ms: res.latency.p50,
    p99_ms: res.latency.p99,
    non_2xx: res.non2xx,
    errors: res.errors + res.timeouts,
    kb_per_req: res.requests.total ? round(res.throughput.total / res.requests.total / 1024) : 0,
    ...(o.cpu ? { cpu_ms_per_req: cpuPerOp(before, o.cpu(), res.requests.total) } : {}),
  };
}

export type JoinRow = {
  name: string;
  in_flight: number;
  joins_per_s: number;
  attempts_per_s: number;
  p50_ms: number;
  p99_ms: number;
  failed: number;
  /** CPU ms per admitted join by process, over the measured seconds, where /proc exists. */
  cpu_ms_per_join?: Record<string, number> | null;
};

/** Runs `op` in `inFlight` loops for `seconds` after a 1 s warm-up; counts what it admitted. */
export async function joinLoad(
  o: { name: string; inFlight: number; seconds: number; log: (line: string) => void; cpu?: CpuProbe },
  op: () => Promise<void>,
): Promise<JoinRow> {
  let recording = false;
  let stop = false;
  let attempts = 0;
  let failed = 0;
  const latencies: number[] = [];
  const loops = Array.from({ length: o.inFlight }, async () => {
    while (!stop) {
      const t0 = performance.now();
      const counted = recording;
      try {
        await op();
        if (counted && recording) latencies.push(performance.now() - t0);
      } catch (err) {
        if (counted) failed++;
        if (failed <= 3 && counted) o.log(`${o.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (counted && recording) attempts++;
    }
  });
  await sleep(1000);
  const cpuBefore = o.cpu?.() ?? null;
  recording = true;
  const t0 = performance.now();
  await sleep(o.seconds * 1000);
  recording = false;
  const elapsed = (performance.now() - t0) / 1000;
  const cpuAfter = o.cpu?.() ?? null;
  stop = true;
  await Promise.all(loops);
  latencies.sort((a, b) => a - b);
  return {
    name: o.name,
    in_flight: o.inFlight,
    joins_per_s: round(latencies.length / elapsed),
    attempts_per_s: round(attempts / elapsed),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    failed,
    ...(o.cpu ? { cpu_ms_per_join: cpuPerOp(cpuBefore, cpuAfter, latencies.length) } : {}),
  };
}
