// bench:live's open pages over HTTP, in their own process: the phones that watch a group read their streams
// on their own CPUs, so the benchmark's server must not also pay for reading 500 streams on its event loop.
// Started by tools/bench/live.ts with fork(); talks over the IPC channel. Times are absolute
// (performance.timeOrigin + now) so the parent can subtract its commit times. Edit when a page's stream
// gains another field worth timing.
import superjson from 'superjson';

export type ReadersStart = {
  baseUrl: string;
  code: string;
  cursor: number;
  /** One entry per page: the bench user it watches as, or null for a signed-out page. */
  viewers: Array<string | null>;
};
export type ReadersAsk = { type: 'wait'; ask: number; id: number; limitMs: number } | { type: 'close' };
export type ReadersTell =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'seen'; ask: number; at: Array<number | null> }
  | { type: 'closed' };

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Page = { seen(id: number): number | undefined; close(): void };

async function openPage(start: ReadersStart, viewer: string | null): Promise<Page> {
  const at: Array<[number, number]> = [];
  const ac = new AbortController();
  const input = encodeURIComponent(
    JSON.stringify(superjson.serialize({ code: start.code, lastEventId: String(start.cursor) })),
  );
  const res = await fetch(`${start.baseUrl}/live.group?input=${input}`, {
    headers: { accept: 'text/event-stream', ...(viewer ? { 'x-bench-user': viewer } : {}) },
    signal: ac.signal,
  });
  if (!res.ok || !res.body) throw new Error(`subscription failed: HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += value;
        let nl = buf.indexOf('\n');
        while (nl >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          // Only the SSE id matters here: it is the snapshot's last event id (tracked).
          if (line.startsWith('id: ')) {
            const id = Number(line.slice(4));
            const last = at.at(-1);
            if (!last || id > last[0]) at.push([id, now()]);
          }
          nl = buf.indexOf('\n');
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  return { seen: (id) => at.find(([eid]) => eid >= id)?.[1], close: () => ac.abort() };
}

function tell(m: ReadersTell): void {
  process.send?.(m);
}

process.once('message', (start: ReadersStart) => {
  void Promise.all(start.viewers.map((v) => openPage(start, v))).then(
    (pages) => {
      process.on('message', (m: ReadersAsk) => {
        if (m.type === 'close') {
          pages.forEach((p) => p.close());
          tell({ type: 'closed' });
          process.disconnect();
          return;
        }
        void (async () => {
          const end = now() + m.limitMs;
          for (;;) {
            const at = pages.map((p) => p.seen(m.id));
            if (at.every((x) => x !== undefined) || now() > end) {
              tell({ type: 'seen', ask: m.ask, at: at.map((x) => x ?? null) });
              return;
            }
            await sleep(2);
          }
        })();
      });
      tell({ type: 'ready' });
    },
    (err: unknown) => {
      tell({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
      process.disconnect();
    },
  );
});
