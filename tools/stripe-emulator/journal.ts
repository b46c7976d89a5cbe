// Durable state for `--data-file`: a JSON snapshot (FILE) plus an append-only journal (FILE.journal) of
// the objects each request changed. A request is answered only after its journal line is fsynced; lines
// that arrive while a write is under way share the next write and fsync (group commit). On start, and
// whenever the journal outgrows the snapshot, the two are compacted into a new snapshot (temp file, fsync,
// rename, fsync of the folder) and the journal is emptied. Edit with state.ts when the Store changes shape.
import { mkdir, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { COLLECTIONS, type Changes, type Snapshot, type Store } from './state';

/** The journal is compacted once it is larger than this and than twice the last snapshot. */
const MIN_COMPACT_BYTES = 32 * 1024 * 1024;

function isSnapshot(v: unknown): v is Snapshot {
  return typeof v === 'object' && v !== null && 'version' in v && v.version === 1;
}

/** The generation a snapshot or journal header carries (files from before generations count as 0). */
function generationOf(v: unknown): number {
  return typeof v === 'object' && v !== null && 'generation' in v && typeof v.generation === 'number'
    ? v.generation
    : 0;
}

const collectionNames: ReadonlySet<string> = new Set(COLLECTIONS);

function isChanges(v: unknown): v is Changes {
  if (typeof v !== 'object' || v === null || !('clockOffset' in v) || !('changes' in v)) return false;
  if (typeof v.clockOffset !== 'number' || !Array.isArray(v.changes)) return false;
  return v.changes.every(
    (c: unknown) =>
      Array.isArray(c) && c.length === 3 && collectionNames.has(String(c[0])) && typeof c[1] === 'string',
  );
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

/** fsyncs a folder so a rename inside it survives a crash (not possible on every platform). */
async function syncFolder(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder for fsync; its renames are durable once they return.
  } finally {
    await handle?.close();
  }
}

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

/** Keeps a Store on disk: load() on start, commit() before each answer, close() on stop. */
export class Persister {
  private readonly journalFile: string;
  private journal: FileHandle | undefined;
  private pending: string[] = [];
  private waiters: Waiter[] = [];
  private writing: Promise<void> = Promise.resolve();
  /** True from the start of drain() until it returns; set and cleared synchronously so no waiter is missed. */
  private draining = false;
  private journalBytes = 0;
  private snapshotBytes = 0;
  private clockOffset = 0;
  /** Bumped by each compaction; the snapshot and the journal's first line carry it. */
  private generation = 0;
  /** Set after a failed write: the emulator can no longer promise durability, so every commit fails. */
  private broken: Error | undefined;

  constructor(
    private readonly file: string,
    private readonly store: Store,
  ) {
    this.journalFile = `${file}.journal`;
  }

  /** Loads the snapshot, replays the journal over it, compacts the two and opens the journal. */
  async load(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const text = await readIfExists(this.file);
    if (text !== undefined) {
      const parsed: unknown = JSON.parse(text);
      if (!isSnapshot(parsed)) throw new Error(`${this.file} is not a Stripe emulator data file`);
      this.store.restore(parsed);
      this.snapshotBytes = Buffer.byteLength(text);
      this.generation = generationOf(parsed);
    }
    const journal = await readIfExists(this.journalFile);
    const lines = journal === undefined ? [] : journal.split('\n');
    // The text after the last newline is a write cut short by a crash: never fsynced, never answered.
    lines.pop();
    const first: unknown = lines[0] === undefined ? undefined : JSON.parse(lines[0]);
    const headed = first !== undefined && !isChanges(first);
    // A journal of an older generation was already folded into the snapshot (a crash during compaction).
    const current = (headed ? generationOf(first) : 0) === this.generation;
    const skip = headed ? 1 : 0;
    const entries = current ? lines.slice(skip) : [];
    entries.forEach((line, i) => {
      const parsed: unknown = JSON.parse(line);
      if (!isChanges(parsed))
        throw new Error(`${this.journalFile}: line ${i + 1 + skip} is not a journal entry`);
      this.store.apply(parsed);
    });
    this.store.loaded();
    this.clockOffset = this.store.clockOffset;
    this.journal = await open(this.journalFile, 'a');
    if (entries.length > 0) await this.compact();
    else await this.startJournal();
  }

  /** Resolves once every change made so far is on disk; the caller answers its request after this. */
  commit(): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    const changes = this.store.takeChanges(this.clockOffset);
    if (changes) {
      this.clockOffset = changes.clockOffset;
      this.pending.push(`${JSON.stringify(changes)}\n`);
    }
    if (this.pending.length === 0 && !this.draining) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      if (!this.draining) {
        this.draining = true;
        this.writing = this.drain();
      }
    });
  }

  /** Writes what is pending, compacts, and closes the journal (the emulator is stopping). */
  async close(): Promise<void> {
    await this.commit().catch(() => {});
    await this.writing;
    let compacted = false;
    if (!this.broken)
      compacted = await this.compact().then(
        () => true,
        (err: unknown) => {
          this.fail(err);
          return false;
        },
      );
    await this.journal?.close();
    this.journal = undefined;
    // After a clean stop the snapshot alone holds everything; the (now empty) journal goes.
    if (compacted) await rm(this.journalFile, { force: true });
  }

  // Each round writes the lines gathered so far in one write and one fsync, then answers their waiters;
  // lines that arrive meanwhile wait for the next round.
  private async drain(): Promise<void> {
    try {
      while (this.waiters.length > 0) {
        const lines = this.pending;
        const waiters = this.waiters;
        this.pending = [];
        this.waiters = [];
        try {
          if (this.broken) throw this.broken;
          if (this.journalBytes > Math.max(MIN_COMPACT_BYTES, 2 * this.snapshotBytes)) {
            // The snapshot holds every change made until now, the lines of this round included.
            await this.compact();
          } else if (lines.length > 0) {
            const text = lines.join('');
            await this.journalHandle().appendFile(text);
            await this.journalHandle().datasync();
            this.journalBytes += Buffer.byteLength(text);
          }
          for (const w of waiters) w.resolve();
        } catch (err) {
          const failure = this.fail(err);
          for (const w of waiters) w.reject(failure);
        }
      }
    } finally {
      // Cleared in the same step as the last check of the loop, so a new waiter always starts a drain.
      this.draining = false;
    }
  }

  private journalHandle(): FileHandle {
    if (!this.journal) throw new Error('the Stripe emulator data file is closed');
    return this.journal;
  }

  /**
   * Writes the whole state as the next generation's snapshot, then starts that generation's journal.
   * Until the journal is restarted, its lines are of the older generation, which load() skips: replayed
   * over the newer snapshot, they would put back older values.
   */
  private async compact(): Promise<void> {
    const generation = this.generation + 1;
    const text = JSON.stringify({ ...this.store.snapshot(), generation });
    this.store.dropChanges();
    this.clockOffset = this.store.clockOffset;
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, this.file);
    await syncFolder(path.dirname(this.file));
    this.generation = generation;
    this.snapshotBytes = Buffer.byteLength(text);
    await this.startJournal();
  }

  /** Empties the journal and heads it with the current generation. */
  private async startJournal(): Promise<void> {
    const header = `${JSON.stringify({ generation: this.generation })}\n`;
    await this.journalHandle().truncate(0);
    await this.journalHandle().appendFile(header);
    await this.journalHandle().datasync();
    this.journalBytes = 0;
  }

  private fail(err: unknown): Error {
    const reason = err instanceof Error ? err.message : String(err);
    this.broken ??= new Error(`the Stripe emulator could not write ${this.file}: ${reason}`);
    console.error(`stripe-emulator: ${this.broken.message}`);
    return this.broken;
  }
}
