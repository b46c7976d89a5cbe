// `npm run bench:scale`: Flock scaled out on this machine (tools/topology: PostgreSQL with production
// durability, PgBouncer in transaction mode, web instances behind HAProxy, two workers, the emulator in its
// own process), measured in ONE run so the figures compare:
//   joins   fresh guests over HTTP (tools/bench/http-shopper), BENCH_JOIN_IN_FLIGHT (64) in flight for
//           BENCH_JOIN_SECONDS (10) s: straight to one instance (no balancer), through HAProxy to that one
//           instance (the other stopped), and through HAProxy to both;
//   oversell a 50-seat group hammered by 200 joins spread over both instances;
//   pages   autocannon on the group page, BENCH_CONNECTIONS (32) for BENCH_SECONDS (10) s, straight to one
//           instance and through HAProxy to both;
//   live    BENCH_PAGES (200) open group pages, half on each instance, while BENCH_LIVE_JOINS (20) joins go
//           through the balancer one after another: from each join's answer to each page's update.
// Prints one JSON line per measurement and last {oversold, missed, http_joins_per_s_1, http_joins_per_s_2,
// page_req_per_s, live_p95_ms, ...}. Builds into FLOCK_DIST_DIR (default .next-bench) when it has no build
// (or with --build). Edit when issue 19's scale figures gain a measurement.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { openLivePage } from '../topology/live-page';
import { createShop } from '../topology/shop';
import { startTopology } from '../topology/topology';
import { joinAsGuest, joinOverHttp } from './http-shopper';
import { buildIfNeeded, joinLoad, type JoinRow, LOAD, pageLoad, percentile, round } from './load';
import { createTeardown, runBench } from './teardown';

const PAGES = Number(process.env.BENCH_PAGES ?? 200);
const LIVE_JOINS = Number(process.env.BENCH_LIVE_JOINS ?? 20);
const {
  seconds: SECONDS,
  connections: CONNECTIONS,
  joinInFlight: JOIN_IN_FLIGHT,
  joinSeconds: JOIN_SECONDS,
  distDir: DIST_DIR,
} = LOAD;
/** A deal's member cap: join loads spread over groups of this size so none fills during a run. */
const GROUP_SEATS = 500;
const HARD_STOP_MS = 20 * 60_000;

const log = (msg: string) => process.stderr.write(`[bench:scale] ${msg}\n`);
const emit = (row: object) => console.log(JSON.stringify(row));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const teardown = createTeardown(HARD_STOP_MS, log);
  // What the servers said, printed before teardown removes their logs.
  let logsOnFailure = () => {};
  try {
    buildIfNeeded(DIST_DIR, process.argv.includes('--build'), log);
    log('starting PostgreSQL, PgBouncer, the emulator, two web instances behind HAProxy and two workers');
    const t = await startTopology({ webs: 2, workers: 2, distDir: DIST_DIR, logLevel: 'warn' });
    teardown.push(() => t.stop());
    logsOnFailure = () => log(t.logs());
    const shop = await createShop(t);
    const [web1, web2] = t.webs;
    if (!web1 || !web2) throw new Error('two web instances expected');

    /** Joins spread round robin over fresh groups, enough seats that none fills during the load. */
    const joins = async (name: string, base: string): Promise<JoinRow> => {
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) codes.push((await shop.openGroup(GROUP_SEATS)).code);
      let n = 0;
      const row = await joinLoad({ name, inFlight: JOIN_IN_FLIGHT, seconds: JOIN_SECONDS, log }, () =>
        joinOverHttp(base, codes[n++ % codes.length] ?? '', t.url),
      );
      emit(row);
      return row;
    };
    const page = async (name: string, base: string, code: string) => {
      await pageLoad(base, { name, path: `/g/${code}`, round: 0, seconds: 2, connections: CONNECTIONS });
      const row = await pageLoad(base, {
        name,
        path: `/g/${code}`,
        round: 1,
        seconds: SECONDS,
        connections: CONNECTIONS,
      });
      emit(row);
      return row;
    };

    // One instance: the other stopped (HAProxy marks it down within a second).
    await web2.service.kill('SIGTERM');
    await sleep(1500);
    // Warm-up (JIT, pools, caches), not reported: the first measured phase must not pay for it alone.
    const warm = (await shop.openGroup(GROUP_SEATS)).code;
    await joinLoad({ name: 'warm_up', inFlight: JOIN_IN_FLIGHT, seconds: 5, log }, () =>
      joinOverHttp(t.url, warm, t.url),
    );
    const direct = await joins('join_direct_1_instance', web1.url);
    const viaLb1 = await joins('join_lb_1_instance', t.url);
    const shown = await shop.openGroup(GROUP_SEATS);
    for (let i = 0; i < 5; i++) await joinOverHttp(t.url, shown.code);
    const pageDirect = await page('group_page_direct_1_instance', web1.url, shown.code);

    await t.restartWeb(1);
    await sleep(1500);
    const viaLb2 = await joins('join_lb_2_instances', t.url);
    const pageLb2 = await page('group_page_lb_2_instances', t.url, shown.code);

    // Oversell: 200 joins at once for 50 seats, through the balancer to both instances.
    const small = await shop.openGroup(50);
    const results = await Promise.all(Array.from({ length: 200 }, () => joinAsGuest(t.url, small.code)));
    const admitted = results.filter((r) => r.status === 200).length;
    const held = await t.db.execute<{ n: number }>(sql`
      select count(*)::int as n from members where group_id = ${small.groupId}
        and status in ('reserved', 'authorized', 'captured')`);
    const inDb = held.rows[0]?.n ?? 0;
    const oversold = Math.max(0, admitted - 50) + Math.max(0, inDb - 50);
    emit({
      name: 'oversell',
      seats: 50,
      attempts: 200,
      admitted,
      members_in_db: inDb,
      server_errors: results.filter((r) => r.status >= 500).length,
    });

    // Live across instances: pages on both instances, joins through the balancer.
    const live = await shop.openGroup(GROUP_SEATS);
    const pages = Array.from({ length: PAGES }, (_, i) => openLivePage((i % 2 ? web2 : web1).url, live.code));
    teardown.push(async () => pages.forEach((p) => p.close()));
    await Promise.all(pages.map((p) => p.waitFor(() => true, 30_000)));
    const lags: number[] = [];
    for (let k = 1; k <= LIVE_JOINS; k++) {
      await joinOverHttp(t.url, live.code);
      const answered = performance.now();
      const seen = await Promise.all(
        pages.map((p) => p.waitFor((s) => s.confirmedCount >= k, 10_000).catch(() => null)),
      );
      for (const s of seen) if (s) lags.push(Math.max(0, s.at - answered));
      await sleep(100);
    }
    lags.sort((a, b) => a - b);
    const missed = pages.filter((p) => p.seen.at(-1)?.confirmedCount !== LIVE_JOINS).length;
    emit({
      name: 'live_across_instances',
      pages: PAGES,
      joins: LIVE_JOINS,
      updates: lags.length,
      p50_ms: round(percentile(lags, 50)),
      p95_ms: round(percentile(lags, 95)),
      p99_ms: round(percentile(lags, 99)),
      missed_pages: missed,
    });

    emit({
      oversold,
      missed,
      http_joins_per_s_1: viaLb1.joins_per_s,
      http_joins_per_s_2: viaLb2.joins_per_s,
      page_req_per_s: pageLb2.req_per_s,
      live_p95_ms: round(percentile(lags, 95)),
      http_joins_per_s_direct: direct.joins_per_s,
      balancer_hop_ratio: round(viaLb1.joins_per_s / Math.max(0.1, direct.joins_per_s), 3),
      second_instance_ratio: round(viaLb2.joins_per_s / Math.max(0.1, viaLb1.joins_per_s), 3),
      page_req_per_s_direct_1: pageDirect.req_per_s,
      page_lb2_ratio: round(pageLb2.req_per_s / Math.max(0.1, pageDirect.req_per_s), 3),
      cores: os.cpus().length,
    });
  } catch (err) {
    logsOnFailure();
    throw err;
  } finally {
    teardown.disarm();
    await teardown.run();
  }
}

runBench(main);
