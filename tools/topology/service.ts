// One process of the multi-instance topology (a web instance, a worker, PgBouncer, HAProxy): started by a
// function so it can be started again after a kill, its output kept in a log file the test prints when
// something fails. Edit when the topology's processes need another control.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A child process that can be killed, restarted and asked for the end of its log. */
export class Service {
  readonly logFile: string;
  private child: ChildProcess;

  constructor(
    readonly name: string,
    dir: string,
    private readonly spawnIt: () => ChildProcess,
  ) {
    this.logFile = path.join(dir, `${name}.log`);
    this.child = this.launch();
  }

  private launch(): ChildProcess {
    const child = this.spawnIt();
    const out = fs.createWriteStream(this.logFile, { flags: 'a' });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
    child.once('exit', (code, signal) => {
      out.end(`[topology] ${this.name} exited (${signal ?? `code ${String(code)}`})\n`);
    });
    return child;
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends `signal` and resolves once the process has exited (SIGKILL after `graceMs`). */
  async kill(signal: NodeJS.Signals = 'SIGTERM', graceMs = 35_000): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Starts the process again (after a kill). */
  restart(): void {
    if (this.running) throw new Error(`${this.name} is still running`);
    this.child = this.launch();
  }

  /** The last `lines` lines of the process's output. */
  tail(lines = 40): string {
    if (!fs.existsSync(this.logFile)) return '';
    return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
  }
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port`; fails if `service` exits first. */
export async function waitForPort(port: number, service: Service, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!service.running) throw new Error(`${service.name} exited while starting:\n${service.tail()}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(
    `${service.name} did not listen on port ${port} within ${timeoutMs / 1000} s:\n${service.tail()}`,
  );
}

/** Resolves once `url` answers 2xx; fails if `service` exits first. */
export async function waitForHttp(url: string, service: Service, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!service.running) throw new Error(`${service.name} exited while starting:\n${service.tail()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${service.name} did not answer ${url} within ${timeoutMs / 1000} s:\n${service.tail()}`);
}
