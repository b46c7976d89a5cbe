// A local Web Push service for tests: web-push-testing's push model (it keeps subscriptions, checks the VAPID
// signature and decrypts each payload, RFC 8291) behind a small HTTP server of our own on a free port of
// 127.0.0.1. Its own server.js keeps the model in a module global and needs the port before listening, so two
// services in one process would share one model. Endpoints are http: add `host` to PUSH_SERVICE_HOSTS.
// Edit when tests need another push-service behaviour (a slow or failing service).
import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type PushHeaders = {
  encoding?: string;
  encryption?: string;
  cryptoKey?: string;
  authorization?: string;
  ttl?: string;
};
type Subscription = { endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string };
type PushApiModel = {
  notifyUrl: string;
  subscribe(options: { applicationServerKey: string }): Promise<Subscription>;
  handleNotification(clientHash: string, headers: PushHeaders, body: Buffer): Promise<void>;
  expireSubscription(clientHash: string): void;
  getNotifications(body: { clientHash: string }): { messages: string[] };
};
type ModelModule = {
  PushApiModel: new () => PushApiModel;
  SubscriptionExpiredError: new (message?: string) => Error;
};

const { PushApiModel, SubscriptionExpiredError } = createRequire(import.meta.url)(
  'web-push-testing/src/PushApiModel',
) as ModelModule;

export type PushService = {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** host:port, for PUSH_SERVICE_HOSTS. */
  host: string;
  /** A new browser subscription made with `applicationServerKey` (base64url), as PushSubscription.toJSON() plus its id. */
  subscribe(applicationServerKey: string): Promise<Subscription>;
  /** The payloads delivered to one subscription, decrypted (JSON parsed when they are JSON). */
  messages(clientHash: string): Promise<unknown[]>;
  /** The browser dropped this subscription: further pushes get 410 Gone. */
  expire(clientHash: string): Promise<void>;
  stop(): Promise<void>;
};

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Starts a push service on a free local port. */
export async function startPushService(): Promise<PushService> {
  const model = new PushApiModel();
  const server = http.createServer((req, res) => {
    const match = /^\/notify\/([0-9a-f]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match?.[1]) {
      res.writeHead(404).end();
      return;
    }
    const clientHash = match[1];
    readBody(req)
      .then((body) =>
        model.handleNotification(
          clientHash,
          {
            encoding: header(req, 'content-encoding'),
            encryption: header(req, 'encryption'),
            cryptoKey: header(req, 'crypto-key'),
            authorization: header(req, 'authorization'),
            ttl: header(req, 'ttl'),
          },
          body,
        ),
      )
      .then(
        () => res.writeHead(201).end(),
        (err: unknown) => {
          const gone = err instanceof SubscriptionExpiredError;
          const message = err instanceof Error ? err.message : String(err);
          res.writeHead(gone ? 410 : 400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message } }));
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const url = `http://${host}`;
  model.notifyUrl = `${url}/notify/`;
  return {
    url,
    host,
    subscribe: (applicationServerKey) => model.subscribe({ applicationServerKey }),
    messages: async (clientHash) => model.getNotifications({ clientHash }).messages.map(parsed),
    expire: async (clientHash) => model.expireSubscription(clientHash),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
