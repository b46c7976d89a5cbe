// A coalescing wake-up for one stream: any number of rings while the reader is busy become one wake-up,
// and the ring that arrives last is never lost. Edit when streams need more than "something changed".

/** Rings coalesce; wait() resolves with the highest hub sequence rung so far, or null once `signal` aborts. */
export class Doorbell {
  private pending: number | null = null;
  private waiter: ((seq: number | null) => void) | null = null;

  constructor(private readonly signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.wake(null), { once: true });
  }

  /** Marks the stream dirty as of hub sequence `seq`. */
  ring(seq: number): void {
    this.pending = Math.max(this.pending ?? seq, seq);
    if (this.waiter) this.wake(this.pending);
  }

  /** Waits for the next ring (returns at once if one came in while the reader was busy). */
  wait(): Promise<number | null> {
    if (this.signal?.aborted) return Promise.resolve(null);
    if (this.pending !== null) {
      const seq = this.pending;
      this.pending = null;
      return Promise.resolve(seq);
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private wake(value: number | null): void {
    const w = this.waiter;
    if (!w) return;
    this.waiter = null;
    if (value !== null) this.pending = null;
    w(value);
  }
}
