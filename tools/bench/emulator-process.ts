// The Stripe emulator in its own process for the benchmarks: Stripe is a remote service, so its request
// handling must not share the event loop of the app or of the load generator (in-process it capped the hold
// rate at about 700/s on a 2-core machine). No rate limit. Edit when a benchmark needs another option.
import { spawn } from 'node:child_process';
import { freePort } from '@/db/embedded';

export type EmulatorProcess = { url: string; pid: number | undefined; stop(): Promise<void> };

/** Starts `tools/stripe-emulator/cli.ts` on a free port and resolves once it listens. */
export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/stripe-emulator/cli.ts', '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${String(code)}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
