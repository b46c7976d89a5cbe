// `npm run measure:lighthouse -- <page URL> [--runs=3] [--chrome=/path/to/chrome]`: Lighthouse's mobile
// scores for a page of a running server (`npm run build && npm start`): performance, accessibility, best
// practices, with total blocking time and largest contentful paint. Lighthouse 12 (13 needs Node 22) with its
// default mobile settings (a mid-range phone, simulated slow 4G and 4x CPU slowdown), in headless Chrome
// (CHROME_PATH, --chrome, or the system's Chromium). With several runs it prints each and then the median
// run by performance score (the machine's load moves TBT a lot). Edit when the goals change.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

type Scores = {
  url: string;
  performance: number;
  accessibility: number;
  best_practices: number;
  tbt_ms: number;
  lcp_ms: number;
  fcp_ms: number;
  cls: number;
  failed_audits: string[];
};

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The Chrome to drive: --chrome, CHROME_PATH, else the first system Chromium or Chrome found. */
function chromePath(): string | undefined {
  const given = arg('chrome') ?? process.env.CHROME_PATH;
  if (given) return given;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) =>
    fs.existsSync(p),
  );
}

/** One Lighthouse run of `url` in a fresh headless Chrome. */
async function run(url: string): Promise<Scores> {
  const chrome = await chromeLauncher.launch({ chromePath: chromePath(), chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const value = (id: string) => Math.round((lhr.audits[id]?.numericValue ?? 0) * 1000) / 1000;
    // Audits that cost points in the accessibility and best-practices categories, to say what to fix.
    const failed = ['accessibility', 'best-practices'].flatMap((c) =>
      (lhr.categories[c]?.auditRefs ?? [])
        .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1)
        .map((r) => `${c}:${r.id}`),
    );
    return {
      url,
      performance: score('performance'),
      accessibility: score('accessibility'),
      best_practices: score('best-practices'),
      tbt_ms: Math.round(value('total-blocking-time')),
      lcp_ms: Math.round(value('largest-contentful-paint')),
      fcp_ms: Math.round(value('first-contentful-paint')),
      cls: value('cumulative-layout-shift'),
      failed_audits: failed,
    };
  } finally {
    chrome.kill();
  }
}

const url = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!url) {
  console.error('usage: npm run measure:lighthouse -- http://localhost:3000/g/<code> [--runs=3]');
  process.exit(2);
}
const runs = Math.max(1, Number(arg('runs') ?? 1));
const all: Scores[] = [];
for (let i = 0; i < runs; i++) {
  const s = await run(url);
  all.push(s);
  console.log(JSON.stringify({ run: i + 1, ...s }));
}
if (runs > 1) {
  const sorted = [...all].sort((a, b) => a.performance - b.performance);
  console.log(JSON.stringify({ median: true, ...sorted[Math.floor(sorted.length / 2)] }));
}
