// A shopper over the app's real HTTP API, for the benchmarks and the multi-instance test: a fresh guest
// session (better-auth's anonymous sign-in, as the join form gets one), then groups.join with the demo
// card, each simulated phone from its own forwarded address (the caller is a trusted proxy, as a load
// balancer is). Edit when joining over HTTP takes another step.
import { randomUUID } from 'node:crypto';
import { VOUCHER_CHOICE } from '@/server/groups/test-factory';

let nextAddress = 0;
/** A distinct private address per simulated phone (10.0.0.1, 10.0.0.2, ...). */
export function freshAddress(): string {
  const n = ++nextAddress;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
}

/** A fresh guest session from `address`; returns the Cookie header. `origin` is the app's public URL. */
export async function guestCookie(base: string, address: string, origin = base): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/anonymous`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', 'x-forwarded-for': address },
    body: '{}',
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}: ${(await res.text()).slice(0, 120)}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  if (cookies.length === 0) throw new Error('guest sign-in set no cookie');
  return cookies.join('; ');
}

export type HttpJoin = { status: number; text: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One join through `base` by a fresh guest: groups.join with the demo card and a voucher. With `retries`,
 * a request whose connection broke before an answer (its instance was killed) is sent again as a phone
 * would: the same session and the same idempotency key, so a join that did land is not made twice.
 */
export async function joinAsGuest(base: string, code: string, origin = base, retries = 0): Promise<HttpJoin> {
  const again = async <T>(send: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await send();
      } catch (err) {
        if (attempt >= retries || !(err instanceof TypeError)) throw err;
        await sleep(250);
      }
    }
  };
  const address = freshAddress();
  const cookie = await again(() => guestCookie(base, address, origin));
  const body = JSON.stringify({
    json: {
      code,
      alias: 'Bench buyer',
      quantity: 1,
      idempotencyKey: randomUUID(),
      paymentMethod: 'pm_card_visa',
      fulfilment: VOUCHER_CHOICE,
    },
  });
  return again(async () => {
    const res = await fetch(`${base}/api/trpc/groups.join`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', 'x-forwarded-for': address, cookie },
      body,
    });
    return { status: res.status, text: await res.text() };
  });
}

/** joinAsGuest that throws unless the join was admitted (the benchmarks' load loop counts throws). */
export async function joinOverHttp(base: string, code: string, origin = base): Promise<void> {
  const r = await joinAsGuest(base, code, origin);
  if (r.status !== 200) throw new Error(`join answered ${r.status}: ${r.text.slice(0, 160)}`);
}
