// Shared setup for the emulator's tests: an emulator per test file and SDK clients pointed at it.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  emulatorControl,
  startStripeEmulator,
  type EmulatorControl,
  type RunningStripeEmulator,
  type StripeEmulatorOptions,
} from './index';

/** An SDK client for an emulator on `port`, the way app code makes one. */
export function sdk(port: number, key = 'sk_test_emulator', maxNetworkRetries = 0): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries });
}

export interface EmulatorFixture {
  emulator: RunningStripeEmulator;
  stripe: Stripe;
  control: EmulatorControl;
}

/** Starts one emulator for the file, resets it before each test and stops it after the file. */
export function useEmulator(opts: StripeEmulatorOptions = {}): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  beforeAll(async () => {
    fixture.emulator = await startStripeEmulator(opts);
    fixture.stripe = sdk(fixture.emulator.port);
    fixture.control = emulatorControl(fixture.emulator.url);
  });
  beforeEach(async () => {
    await fixture.control.reset();
  });
  afterAll(async () => {
    await fixture.emulator.stop();
  });
  return fixture;
}

/** Catches the error a promise rejects with (fails if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error('expected the request to fail');
}

export interface ReceivedHook {
  body: string;
  signature: string;
}

/** A local HTTP server that records webhook deliveries; `answer` picks the status for each one. */
export async function hookServer(answer: (n: number) => number = () => 200): Promise<{
  url: string;
  received: ReceivedHook[];
  close(): Promise<void>;
}> {
  const received: ReceivedHook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const sig = req.headers['stripe-signature'];
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: typeof sig === 'string' ? sig : '',
      });
      res.writeHead(answer(received.length));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Polls until `check` returns true or the timeout passes. */
export async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface EmulatorProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  exited: Promise<number | string | null>;
}

/**
 * Starts the emulator CLI (`cli.ts`) as its own process, node running it directly so that a signal
 * reaches the emulator itself, and resolves once it listens.
 */
export async function spawnEmulatorCli(args: string[]): Promise<EmulatorProcess> {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/stripe-emulator/cli.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    void exited.then((code) => reject(new Error(`the emulator exited early (${code}): ${out}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
  });
  child.stdout?.resume();
  return { child, port, url: `http://127.0.0.1:${port}`, exited };
}
