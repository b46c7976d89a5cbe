// An open group page's live updates as a browser's EventSource gets them: live.group over SSE, and, when the
// stream ends or breaks (its instance stopped or died), a reconnect through the same address resuming from
// the last event id it saw, as tRPC's httpSubscriptionLink does. Records every snapshot with the time it
// arrived. For the multi-instance test and bench:scale. Edit when the group page's live feed changes shape.
import superjson from 'superjson';

export type SeenSnapshot = { id: number; at: number; confirmedCount: number; status: string };

export type LivePage = {
  /** Every snapshot received, in order. */
  readonly seen: SeenSnapshot[];
  /** How many times the stream was opened (1 + reconnects). */
  connections(): number;
  /** The last event id seen (0 before the first snapshot). */
  lastId(): number;
  /** Resolves with the first snapshot (already seen or coming) that satisfies `pred`. */
  waitFor(pred: (s: SeenSnapshot) => boolean, timeoutMs: number): Promise<SeenSnapshot>;
  close(): void;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One SSE event block's fields. */
function parseBlock(block: string): { event: string; id: string | null; data: string } {
  let event = 'message';
  let id: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, id, data: data.join('\n') };
}

/** Opens group `code`'s live feed at `base` (an instance or the load balancer); reconnects until closed. */
export function openLivePage(base: string, code: string): LivePage {
  const seen: SeenSnapshot[] = [];
  const waiters = new Set<() => void>();
  let last = 0;
  let opened = 0;
  let closed = false;
  const ac = new AbortController();

  const record = (s: SeenSnapshot) => {
    seen.push(s);
    last = Math.max(last, s.id);
    for (const w of waiters) w();
  };

  const connectOnce = async () => {
    const input = superjson.serialize({ code, ...(last > 0 ? { lastEventId: String(last) } : {}) });
    const res = await fetch(
      `${base}/api/trpc/live.group?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { accept: 'text/event-stream' }, signal: ac.signal },
    );
    if (!res.ok || !res.body) throw new Error(`live.group answered ${res.status}`);
    opened++;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += value;
      let end = buf.indexOf('\n\n');
      while (end >= 0) {
        const block = parseBlock(buf.slice(0, end));
        buf = buf.slice(end + 2);
        end = buf.indexOf('\n\n');
        if (block.event !== 'message' || block.id === null || block.data === '') continue;
        const snap = superjson.deserialize<{ confirmedCount: number; status: string }>(
          JSON.parse(block.data) as Parameters<typeof superjson.deserialize>[0],
        );
        record({
          id: Number(block.id),
          at: performance.now(),
          confirmedCount: snap.confirmedCount,
          status: snap.status,
        });
      }
    }
  };

  void (async () => {
    while (!closed) {
      try {
        await connectOnce();
      } catch {
        // the instance went away mid-stream, or refused while stopping: reconnect
      }
      // An EventSource waits a moment before reconnecting; so does the page.
      if (!closed) await sleep(250);
    }
  })();

  return {
    seen,
    connections: () => opened,
    lastId: () => last,
    waitFor(pred, timeoutMs) {
      const hit = seen.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const check = () => {
          const s = seen.find(pred);
          if (!s) return;
          cleanup();
          resolve(s);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no snapshot matched within ${timeoutMs} ms (last event id ${last})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close() {
      closed = true;
      ac.abort();
    },
  };
}
