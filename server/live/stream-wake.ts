// Pieces the throttled live streams (live.inbox, live.merchant) share: the resume cursor a client passes,
// the one waiter their generator sleeps on, and the abort that ends both the subscription and the sleep.
// Edit when another stream needs the same wait/wake loop.

/** The event id a resuming client passed, or null when there is none or it is not a plain id. */
export function parseLastEventId(lastEventId: string | null | undefined): number | null {
  return lastEventId && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : null;
}

/** One sleeping generator: `wait` parks it (at most `ms` when given), `wake` resumes it; a wake with no waiter is dropped. */
export type Waker = { wait(ms?: number): Promise<void>; wake(): void };

/** Creates the waker a stream's callbacks use to resume its generator. */
export function createWaker(): Waker {
  let waiter: (() => void) | null = null;
  const wake = () => {
    const w = waiter;
    waiter = null;
    w?.();
  };
  return {
    wake,
    wait: (ms) =>
      new Promise<void>((resolve) => {
        waiter = resolve;
        if (ms !== undefined) setTimeout(wake, ms);
      }),
  };
}

/** On abort: drops the hub subscription and wakes the generator so it sees the abort and returns. */
export function stopOnAbort(signal: AbortSignal | undefined, unsubscribe: () => void, waker: Waker): void {
  signal?.addEventListener(
    'abort',
    () => {
      unsubscribe();
      waker.wake();
    },
    { once: true },
  );
}
