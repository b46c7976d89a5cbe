// Caps how many snapshot reads the live fan-out runs at once, so a viral group's watchers never take
// every pooled connection from the joins that change it. Edit when reads need priorities.

/** A counting semaphore: run() waits for a free slot, FIFO. */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly slots: number) {}

  /** Runs `task` once a slot is free; `onStart` fires when it actually starts. */
  async run<T>(task: () => Promise<T>, onStart?: () => void): Promise<T> {
    if (this.active >= this.slots) await new Promise<void>((r) => this.queue.push(r));
    this.active += 1;
    try {
      onStart?.();
      return await task();
    } finally {
      this.active -= 1;
      this.queue.shift()?.();
    }
  }
}
