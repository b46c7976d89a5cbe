// A benchmark's teardown: what it started is stopped in reverse order on success, on failure, on Ctrl-C,
// and when it runs past its time limit. Shared by the benchmarks. Edit when teardown needs another trigger.

export type Teardown = {
  /** Registers a stop step (run last-registered first). */
  push(step: () => Promise<void>): void;
  /** Runs every registered step once, logging (not throwing) a step that fails. */
  run(): Promise<void>;
  /** Cancels the time limit (the benchmark finished). */
  disarm(): void;
};

/** A teardown that also fires on SIGINT (exit 130) and after `limitMs` (exit 2). */
export function createTeardown(limitMs: number, log: (line: string) => void): Teardown {
  const steps: Array<() => Promise<void>> = [];
  const run = async () => {
    while (steps.length)
      await steps
        .pop()?.()
        .catch((e: unknown) => log(`cleanup: ${String(e)}`));
  };
  const timer = setTimeout(() => {
    log('hard stop: the benchmark took too long');
    void run().finally(() => process.exit(2));
  }, limitMs);
  process.once('SIGINT', () => void run().finally(() => process.exit(130)));
  return { push: (step) => void steps.push(step), run, disarm: () => clearTimeout(timer) };
}

/** Runs a benchmark's `main` and exits with its outcome: 0, or 1 after printing what failed. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
