// `npx tsx tools/stripe-emulator/bench.ts [--data-file] [--holds N] [--concurrency N] [--preload N]`:
// captures/s through the emulator CLI (its own process, as bench:close runs it) driven by the real SDK.
// With --data-file every answer waits for its change to be on disk; --preload first creates N extra holds
// so the state is large. Prints one JSON line. Ends by itself.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdk, spawnEmulatorCli } from './test-helpers';

interface BenchOptions {
  dataFile: boolean;
  holds: number;
  concurrency: number;
  preload: number;
}

function parseArgs(argv: string[]): BenchOptions {
  const opts: BenchOptions = { dataFile: false, holds: 1000, concurrency: 16, preload: 0 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = Number(argv[i + 1]);
    if (flag === '--data-file') opts.dataFile = true;
    else if (flag === '--holds') opts.holds = value;
    else if (flag === '--concurrency') opts.concurrency = value;
    else if (flag === '--preload') opts.preload = value;
    else throw new Error(`Unknown option ${flag}`);
    if (flag !== '--data-file') i++;
  }
  return opts;
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Measures captures/s and prints them as one JSON line. */
async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-emulator-bench-'));
  const dataFile = path.join(tmp, 'stripe.json');
  const { child, port } = await spawnEmulatorCli([
    '--port',
    '0',
    ...(opts.dataFile ? ['--data-file', dataFile] : []),
  ]);
  try {
    const stripe = sdk(port);
    const hold = () =>
      stripe.paymentIntents.create({
        amount: 1000,
        currency: 'usd',
        capture_method: 'manual',
        confirm: true,
        payment_method: 'pm_card_visa',
      });
    await pool(
      Array.from({ length: opts.preload }, (_, i) => i),
      opts.concurrency,
      hold,
    );
    const ids: string[] = [];
    await pool(
      Array.from({ length: opts.holds }, (_, i) => i),
      opts.concurrency,
      async () => {
        ids.push((await hold()).id);
      },
    );
    const t0 = performance.now();
    await pool(ids, opts.concurrency, (id) => stripe.paymentIntents.capture(id));
    const seconds = (performance.now() - t0) / 1000;
    const bytes = fs.readdirSync(tmp).reduce((sum, f) => sum + fs.statSync(path.join(tmp, f)).size, 0);
    console.log(
      JSON.stringify({
        dataFile: opts.dataFile,
        preload: opts.preload,
        captures: ids.length,
        concurrency: opts.concurrency,
        seconds: Number(seconds.toFixed(2)),
        captures_per_s: Math.round(ids.length / seconds),
        bytes_on_disk: bytes,
      }),
    );
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
