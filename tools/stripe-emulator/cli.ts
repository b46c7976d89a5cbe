// Command line entry: `npm run stripe-emulator -- --port 12111 [--host H] [--rate-limit 25] [--data-file PATH]`.
import { startStripeEmulator, type StripeEmulatorOptions } from './index';

function parseArgs(argv: string[]): StripeEmulatorOptions {
  const opts: StripeEmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    const integer = (): number => {
      const v = need();
      if (!/^\d+$/.test(v)) throw new Error(`${flag} must be a non-negative integer, got ${v}`);
      return Number(v);
    };
    if (flag === '--port') opts.port = integer();
    else if (flag === '--host') opts.host = need();
    else if (flag === '--rate-limit') opts.rateLimit = integer();
    else if (flag === '--data-file') opts.dataFile = need();
    else if (flag === '--help' || flag === '-h') {
      console.log('Usage: stripe-emulator [--port N] [--host H] [--rate-limit N] [--data-file PATH]');
      process.exit(0);
    } else throw new Error(`Unknown option ${flag}`);
  }
  return opts;
}

/** Starts the emulator and keeps it up until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const emulator = await startStripeEmulator(opts);
  console.log(`Stripe emulator listening on ${emulator.url}`);
  const shutdown = (): void => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
