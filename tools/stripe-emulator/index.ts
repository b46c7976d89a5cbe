// Stripe emulator wiring: an HTTP server that puts auth, rate limiting, idempotency and injected faults
// in front of the emulated /v1 API (resources.ts), serves the /_emulator/* control endpoints, delivers
// webhooks (webhooks.ts) and, with a data file, answers only once the request's changes are on disk
// (journal.ts). Start it with startStripeEmulator() or cli.ts.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, canonical, parseForm, type Params, type StripeErrorBody } from './params';
import { Api } from './resources';
import { Persister } from './journal';
import { newId, Store } from './state';
import { WebhookDeliverer } from './webhooks';

export { emulatorControl, type EmulatorControl, type EmulatorStats, type Fault } from './control';

export interface StripeEmulatorOptions {
  port?: number;
  host?: string;
  rateLimit?: number;
  dataFile?: string;
}

export interface RunningStripeEmulator {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface FaultRule {
  pattern: RegExp;
  method: string | undefined;
  status: number;
  times: number;
  shouldRetry: boolean | undefined;
  delayMs: number;
  /** A 402's decline_code (default generic_decline). */
  declineCode: string | undefined;
}

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const IDEMPOTENCY_SECONDS = 24 * 3600;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(body), headers };
}

function errorReply(err: ApiError): Reply {
  return json(err.status, { error: err.body }, err.headers);
}

function stripeError(status: number, body: StripeErrorBody, headers: Record<string, string> = {}): Reply {
  return errorReply(new ApiError(status, body, headers));
}

/** `/v1/payment_intents/pi_123/capture` → `/v1/payment_intents/:id/capture`, for per-route counts. */
function routeOf(pathname: string): string {
  return pathname.replace(/\/(pi|seti|ch|cus|re|we|evt|pm|acct|tr|trr|fee|fr|po)_[^/]*/g, '/:id');
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${escaped}$`);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(400, { type: 'invalid_request_error', message: 'Request body too large.' }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function num(v: unknown, name: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new ControlError(`${name} must be a non-negative number`);
  return v;
}

class ControlError extends Error {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ControlError('body must be valid JSON');
  }
}

function record(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new ControlError('body must be a JSON object');
  return { ...v };
}

class Emulator {
  private faults: FaultRule[] = [];
  private rate = new Map<string, { second: number; count: number }>();
  private stats = {
    requests: 0,
    rateLimited: 0,
    faultsInjected: 0,
    idempotentReplays: 0,
    byPath: new Map<string, number>(),
    byRoute: new Map<string, number>(),
  };

  constructor(
    private readonly store: Store,
    private readonly api: Api,
    private readonly webhooks: WebhookDeliverer,
    private readonly persister: Persister | undefined,
    private readonly rateLimit: number | undefined,
  ) {}

  async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newId('req');
    let reply: Reply;
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://emulator');
      const method = req.method ?? 'GET';
      if (url.pathname.startsWith('/connect/onboarding/'))
        reply = this.onboarding(method, url.pathname, body);
      else if (!url.pathname.startsWith('/_emulator/')) reply = await this.stripe(req, url, body, requestId);
      else if (method === 'GET') reply = this.control(method, url.pathname, body);
      else reply = this.store.recordingChanges(() => this.control(method, url.pathname, body));
    } catch (err) {
      if (err instanceof ApiError) reply = errorReply(err);
      else if (err instanceof ControlError) reply = json(400, { error: { message: err.message } });
      else {
        console.error('stripe-emulator: internal error', err);
        reply = stripeError(500, {
          type: 'api_error',
          message: 'An unexpected error occurred in the Stripe emulator.',
        });
      }
    }
    try {
      // Nothing is answered before the state it shows is on disk (a no-op without a data file).
      await this.persister?.commit();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      reply = stripeError(500, { type: 'api_error', message });
    }
    if (res.destroyed) return;
    res.writeHead(reply.status, {
      'Content-Type': 'application/json',
      'Request-Id': requestId,
      'Stripe-Version': req.headers['stripe-version'] ?? '',
      ...reply.headers,
    });
    res.end(reply.body);
  }

  private count(method: string, pathname: string): void {
    const route = routeOf(pathname);
    const key = `${method} ${route}`;
    this.stats.requests++;
    this.stats.byPath.set(route, (this.stats.byPath.get(route) ?? 0) + 1);
    this.stats.byRoute.set(key, (this.stats.byRoute.get(key) ?? 0) + 1);
  }

  private apiKey(req: http.IncomingMessage): string {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (\S+)$/i.exec(auth.trim());
    const key = m?.[1];
    if (key === undefined) {
      throw new ApiError(401, {
        type: 'invalid_request_error',
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      });
    }
    if (!/^sk_test_\w+$/.test(key)) {
      throw new ApiError(401, {
        type: 'invalid_request_error',
        code: 'api_key_invalid',
        message: `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`,
      });
    }
    return key;
  }

  private limited(key: string): boolean {
    if (this.rateLimit === undefined || this.rateLimit <= 0) return false;
    const second = Math.floor(Date.now() / 1000);
    const slot = this.rate.get(key);
    if (!slot || slot.second !== second) {
      this.rate.set(key, { second, count: 1 });
      return false;
    }
    slot.count++;
    return slot.count > this.rateLimit;
  }

  private takeFault(method: string, pathname: string): FaultRule | undefined {
    const i = this.faults.findIndex(
      (f) => (f.method === undefined || f.method === method) && f.pattern.test(pathname),
    );
    const fault = this.faults[i];
    if (!fault) return undefined;
    fault.times--;
    if (fault.times <= 0) this.faults.splice(i, 1);
    this.stats.faultsInjected++;
    return fault;
  }

  private async stripe(req: http.IncomingMessage, url: URL, body: string, requestId: string): Promise<Reply> {
    const method = req.method ?? 'GET';
    this.count(method, url.pathname);
    const key = this.apiKey(req);
    if (this.limited(key)) {
      this.stats.rateLimited++;
      return stripeError(429, {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message:
          'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
      });
    }
    const params: Params = parseForm(method === 'POST' ? body : url.search.slice(1));
    const idemHeader = req.headers['idempotency-key'];
    const idemKey =
      method === 'POST' && typeof idemHeader === 'string' && idemHeader !== '' ? idemHeader : null;
    const slot = `${key}:${idemKey ?? ''}`;
    if (idemKey !== null) {
      const fingerprint = createHash('sha256')
        .update(`${method} ${url.pathname} ${canonical(params)}`)
        .digest('hex');
      const prior = this.store.idempotency.get(slot);
      if (prior && prior.createdAt + IDEMPOTENCY_SECONDS >= this.store.now()) {
        if (prior.fingerprint !== fingerprint) {
          return stripeError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`,
          });
        }
        if (!prior.done) {
          return stripeError(409, {
            type: 'invalid_request_error',
            code: 'idempotency_key_in_use',
            message:
              'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please retry your request later.',
          });
        }
        this.stats.idempotentReplays++;
        return {
          status: prior.status,
          body: prior.body,
          headers: { 'Idempotent-Replayed': 'true', 'Original-Request': requestId },
        };
      }
      this.store.setIdempotency(slot, {
        fingerprint,
        createdAt: this.store.now(),
        done: false,
        status: 0,
        body: '',
      });
    }

    let reply: Reply;
    let keep = false;
    try {
      const fault = this.takeFault(method, url.pathname);
      if (fault) {
        if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
        if (fault.status > 0) return this.faultReply(fault);
      }
      try {
        const header = req.headers['stripe-account'];
        const meta = {
          requestId,
          idempotencyKey: idemKey,
          stripeAccount: typeof header === 'string' && header !== '' ? header : null,
          origin: `http://${req.headers.host ?? '127.0.0.1'}`,
        };
        const run = () => this.api.handle(method, url.pathname, params, meta);
        const result = Api.mutates(method) ? this.store.recordingChanges(run) : run();
        reply = json(result.status, result.body);
        keep = true;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        reply = errorReply(err);
        // Stripe stores results of requests that ran (a decline included), not of rejected input.
        keep = err.status === 402;
      }
    } finally {
      if (idemKey !== null && !keep) this.store.idempotency.delete(slot);
    }
    if (idemKey !== null && keep) {
      this.store.setIdempotency(slot, {
        ...this.idemRecord(slot),
        done: true,
        status: reply.status,
        body: reply.body,
      });
    }
    return reply;
  }

  private idemRecord(slot: string): { fingerprint: string; createdAt: number } {
    const rec = this.store.idempotency.get(slot);
    return { fingerprint: rec?.fingerprint ?? '', createdAt: rec?.createdAt ?? this.store.now() };
  }

  private faultReply(fault: FaultRule): Reply {
    const headers: Record<string, string> =
      fault.shouldRetry === undefined ? {} : { 'Stripe-Should-Retry': String(fault.shouldRetry) };
    const message = `Injected fault (status ${fault.status}) from the Stripe emulator.`;
    if (fault.status === 429)
      return stripeError(429, { type: 'invalid_request_error', code: 'rate_limit', message }, headers);
    if (fault.status === 402)
      return stripeError(
        402,
        {
          type: 'card_error',
          code: 'card_declined',
          decline_code: fault.declineCode ?? 'generic_decline',
          message,
        },
        headers,
      );
    if (fault.status >= 500) return stripeError(fault.status, { type: 'api_error', message }, headers);
    return stripeError(fault.status, { type: 'invalid_request_error', message }, headers);
  }

  /** The page an account link opens (HTML, no API key), and its form's POST. */
  private onboarding(method: string, pathname: string, body: string): Reply {
    const linkId = pathname.slice('/connect/onboarding/'.length);
    const form = new URLSearchParams(method === 'POST' ? body : '');
    const run = () => this.api.connect.onboardingPage(method, linkId, form);
    return method === 'POST' ? this.store.recordingChanges(run) : run();
  }

  private control(method: string, pathname: string, body: string): Reply {
    const input = method === 'POST' && body.trim() !== '' ? record(parseJson(body)) : {};
    const route = `${method} ${pathname}`;
    const auth = /^POST \/_emulator\/payment_intents\/([^/]+)\/authenticate$/.exec(route);
    if (auth) {
      const outcome = input['outcome'] ?? 'succeed';
      if (outcome !== 'succeed' && outcome !== 'fail')
        throw new ControlError("outcome must be 'succeed' or 'fail'");
      const pi = this.api.authenticate(auth[1] ?? '', outcome === 'succeed');
      return json(200, pi);
    }
    const setupAuth = /^POST \/_emulator\/setup_intents\/([^/]+)\/authenticate$/.exec(route);
    if (setupAuth) {
      const outcome = input['outcome'] ?? 'succeed';
      if (outcome !== 'succeed' && outcome !== 'fail')
        throw new ControlError("outcome must be 'succeed' or 'fail'");
      return json(200, this.api.authenticateSetup(setupAuth[1] ?? '', outcome === 'succeed'));
    }
    const acct = /^POST \/_emulator\/accounts\/([^/]+)\/(complete-onboarding|requirements|payout)$/.exec(
      route,
    );
    if (acct) {
      const id = acct[1] ?? '';
      if (acct[2] === 'complete-onboarding') return json(200, this.api.connect.completeOnboarding(id));
      if (acct[2] === 'payout') return json(200, { object: 'list', data: this.api.connect.payout(id) });
      const due = input['currently_due'];
      if (!Array.isArray(due) || !due.every((d): d is string => typeof d === 'string'))
        throw new ControlError('currently_due must be a list of strings');
      return json(200, this.api.connect.setRequirements(id, due));
    }
    switch (route) {
      case 'POST /_emulator/clock/advance': {
        const seconds = num(input['seconds'], 'seconds');
        this.store.clockOffset += Math.floor(seconds);
        const expired = this.api.expireHolds();
        this.store.pruneIdempotency();
        return json(200, { now: this.store.now(), expired });
      }
      case 'GET /_emulator/clock':
        return json(200, { now: this.store.now() });
      case 'POST /_emulator/faults': {
        const path = input['path'];
        if (typeof path !== 'string' || !path.startsWith('/'))
          throw new ControlError('path must be a string starting with /');
        const status = num(input['status'], 'status', 0);
        const delayMs = num(input['delayMs'], 'delayMs', 0);
        if (status === 0 && delayMs === 0) throw new ControlError('a fault needs a status or a delayMs');
        const shouldRetry = input['shouldRetry'];
        if (shouldRetry !== undefined && typeof shouldRetry !== 'boolean')
          throw new ControlError('shouldRetry must be a boolean');
        const m = input['method'];
        if (m !== undefined && typeof m !== 'string') throw new ControlError('method must be a string');
        const declineCode = input['declineCode'];
        if (
          declineCode !== undefined &&
          (typeof declineCode !== 'string' || !/^[a-z_]{1,60}$/.test(declineCode))
        )
          throw new ControlError('declineCode must be a decline code such as insufficient_funds');
        this.faults.push({
          pattern: globToRegExp(path),
          method: m?.toUpperCase(),
          status,
          times: num(input['times'], 'times', 1),
          shouldRetry,
          delayMs,
          declineCode,
        });
        return json(200, { faults: this.faults.length });
      }
      case 'DELETE /_emulator/faults':
        this.faults = [];
        return json(200, { faults: 0 });
      case 'POST /_emulator/reset':
        this.reset();
        return json(200, { reset: true });
      case 'POST /_emulator/webhooks/chaos': {
        const { duplicates, shuffle } = input;
        if (typeof duplicates !== 'boolean' || typeof shuffle !== 'boolean')
          throw new ControlError('duplicates and shuffle must be booleans');
        this.webhooks.chaos = { duplicates, shuffle };
        return json(200, this.webhooks.chaos);
      }
      case 'GET /_emulator/stats':
        return json(200, {
          requests: this.stats.requests,
          rateLimited: this.stats.rateLimited,
          faultsInjected: this.stats.faultsInjected,
          idempotentReplays: this.stats.idempotentReplays,
          byPath: Object.fromEntries(this.stats.byPath),
          byRoute: Object.fromEntries(this.stats.byRoute),
          webhooks: { ...this.webhooks.stats, pending: this.webhooks.pending() },
        });
      case 'GET /_emulator/payment_intents':
        return json(200, { object: 'list', data: [...this.store.paymentIntents.values()] });
      case 'GET /_emulator/transfers':
        return json(200, { object: 'list', data: this.api.allTransfers() });
      default:
        return json(404, { error: { message: `Unknown control endpoint ${route}` } });
    }
  }

  /** Clears all state, faults, chaos, counters and pending webhook deliveries. */
  reset(): void {
    this.store.restore(new Store().snapshot());
    this.faults = [];
    this.rate.clear();
    this.webhooks.clear();
    this.webhooks.chaos = { duplicates: false, shuffle: false };
    this.webhooks.stats = { attempted: 0, succeeded: 0, failed: 0, retried: 0 };
    this.stats = {
      requests: 0,
      rateLimited: 0,
      faultsInjected: 0,
      idempotentReplays: 0,
      byPath: new Map(),
      byRoute: new Map(),
    };
  }
}

/** Starts a Stripe emulator on host:port (port 0 or omitted = a free port); resolves once it listens. */
export async function startStripeEmulator(opts: StripeEmulatorOptions = {}): Promise<RunningStripeEmulator> {
  const store = new Store();
  const persister = opts.dataFile ? new Persister(opts.dataFile, store) : undefined;
  await persister?.load();
  const webhooks = new WebhookDeliverer(store);
  const api = new Api(store, (event) => webhooks.dispatch(event));
  const emulator = new Emulator(store, api, webhooks, persister, opts.rateLimit);
  const server = http.createServer((req, res) => void emulator.serve(req, res));
  server.keepAliveTimeout = 30_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    stop() {
      stopped ??= (async () => {
        webhooks.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await persister?.close();
      })();
      return stopped;
    },
  };
}
