// The site's Web Push (VAPID) keys: from VAPID_* in production (`npm start` sets them from the data folder
// when they are unset, as it does the auth secret); in development and tests generated once into the data
// folder (vapid.json, readable by this user only) and reused, so a browser's subscription survives
// restarts. A production process without keys has push off: vapidKeys() is null and the page offers no alerts.
// Edit when the keys come from somewhere else.
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import { appUrl, getEnv } from '@/server/env';

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

type KeyPair = { publicKey: string; privateKey: string };

let cached: { dir: string; pair: KeyPair | null } | undefined;

function isKeyPair(v: unknown): v is KeyPair {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.publicKey === 'string' && typeof o.privateKey === 'string';
}

function readPair(file: string): KeyPair | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isKeyPair(parsed) ? { publicKey: parsed.publicKey, privateKey: parsed.privateKey } : null;
  } catch {
    return null;
  }
}

// Two processes (test workers, web and worker) may start at once: the file appears whole or not at all
// (written beside it, then linked into place, which fails if another process got there first).
/** The key pair kept in `dir`/vapid.json, generated on first use (npm run dev / npm start keep theirs there). */
export function vapidKeysInFolder(dir: string): KeyPair {
  const file = path.join(dir, 'vapid.json');
  const existing = readPair(file);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true });
  const fresh = webpush.generateVAPIDKeys();
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, JSON.stringify(fresh), { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  const saved = readPair(file);
  if (!saved) throw new Error(`${file} holds no VAPID keys; delete it to generate new ones.`);
  return saved;
}

// The push services' contact for this site: VAPID_SUBJECT, else the support address, else an https app
// address, else the address Flock mails from (push services refuse anything but mailto: and https:).
function subject(): string {
  const env = getEnv();
  if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
  if (env.SUPPORT_EMAIL) return `mailto:${env.SUPPORT_EMAIL}`;
  const url = appUrl();
  if (url.startsWith('https:')) return url;
  const from = /<([^<>\s]+@[^<>\s]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM.trim();
  return `mailto:${from}`;
}

/** This site's VAPID keys and contact, or null when push is off (production without VAPID_* set). */
export function vapidKeys(): VapidKeys | null {
  const env = getEnv();
  let pair: KeyPair | null;
  if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
    pair = { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY };
  } else if (env.NODE_ENV === 'production') {
    pair = null;
  } else {
    const dir = path.resolve(env.FLOCK_DATA_DIR);
    if (cached?.dir !== dir) cached = { dir, pair: vapidKeysInFolder(dir) };
    pair = cached.pair;
  }
  return pair ? { ...pair, subject: subject() } : null;
}
