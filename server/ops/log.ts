// Structured JSON logs (pino) on stdout: one line per request with its request id, and lines for joins,
// closes and settlements that carry the ids to follow a member from the request that joined them to the
// jobs that charge them (request id → member id → settle-member). A scope (AsyncLocalStorage) carries the
// request id into the jobs a request enqueues, and each job's child logger. Edit when an operator needs another line.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { getEnv } from '@/server/env';

/** What code running for a request or a job knows: the request id it follows, and the job's own logger. */
export type LogScope = { reqId: string | null; logger?: Logger };

type Store = { __flockLog?: Logger; __flockLogScope?: AsyncLocalStorage<LogScope> };

/** A logger writing JSON lines to `stream` (stdout by default) at `level` (default LOG_LEVEL). */
export function createLogger(stream?: DestinationStream, level?: string): Logger {
  const options = { base: { service: 'flock' }, level: level ?? getEnv().LOG_LEVEL };
  return stream ? pino(options, stream) : pino(options);
}

// On globalThis like the logger: Next's bundle and the server entry load this module twice.
function scopes(): AsyncLocalStorage<LogScope> {
  const store = globalThis as typeof globalThis & Store;
  return (store.__flockLogScope ??= new AsyncLocalStorage<LogScope>());
}

/** The process's logger, or the running job's child logger (task, job id, request id). */
export function log(): Logger {
  const scoped = scopes().getStore()?.logger;
  if (scoped) return scoped;
  const store = globalThis as typeof globalThis & Store;
  return (store.__flockLog ??= createLogger());
}

/** Runs `fn` in `scope`: jobs it enqueues carry `scope.reqId`, and log() inside is `scope.logger` when given. */
export function inLogScope<T>(scope: LogScope, fn: () => T): T {
  return scopes().run(scope, fn);
}

/** The request id the running code follows (a request's, or the one its job carries), or null. */
export function currentRequestId(): string | null {
  return scopes().getStore()?.reqId ?? null;
}

// A proxy's request id is kept when it looks like one (so a line can be matched across hops); else ours.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,80}$/;

/** The request's id: the incoming X-Request-Id when well-formed, else a new one. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  const given = Array.isArray(incoming) ? incoming[0] : incoming;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

// Links that are capabilities (a fix-payment link, an unsubscribe link, a sign-in token) never reach a log.
const SECRET_PATHS = /^\/(pay|u|api\/unsubscribe)\/[^/]+/;

/** A request's path for the log: no query string, and no secret path segment. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path.replace(SECRET_PATHS, (_, prefix: string) => `/${prefix}/:token`);
}
