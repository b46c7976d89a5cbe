// `npm run measure:cpu-top -- <file.cpuprofile> [--top=25]`: the functions that took the most CPU in a V8
// profile (node --cpu-prof, e.g. the server's under `BENCH_CPU_PROF=DIR npm run bench:http`): self time per
// function and the share of the busy (non-idle) time, plus the same summed per package, so it is plain
// whether the time goes to React rendering, Next, better-auth, pg or our own code. Edit when a question
// about a profile needs another grouping.
import fs from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** The package (or project folder) a script URL belongs to. */
function owner(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node';
  const chunk = /\/(\.next[^/]*)\/(server\/chunks(?:\/ssr)?)\//.exec(url);
  if (chunk) return `next build: ${chunk[2]}`;
  return url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
}

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run measure:cpu-top -- <file.cpuprofile> [--top=25]');
  process.exit(2);
}
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));

const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
let busy = 0;
let idle = 0;
for (const [id, us] of self) {
  const n = byId.get(id);
  if (!n) continue;
  const name = n.callFrame.functionName || '(anonymous)';
  if (name === '(idle)' || name === '(program)') {
    idle += us;
    continue;
  }
  busy += us;
  const where = owner(n.callFrame.url);
  const key = `${name} ${where}:${n.callFrame.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  pkgs.set(where, (pkgs.get(where) ?? 0) + us);
}
const pct = (us: number) => Math.round((us / Math.max(1, busy)) * 1000) / 10;
console.log(JSON.stringify({ busy_s: Math.round(busy / 1e4) / 100, idle_s: Math.round(idle / 1e4) / 100 }));
for (const [k, us] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(JSON.stringify({ package: k, self_pct: pct(us) }));
for (const [k, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(JSON.stringify({ fn: k, self_pct: pct(us) }));
