// `npm run measure:first-load -- <page URL> [...]`: the JavaScript a browser downloads to load a page, as
// the page's own HTML asks for it (every <script src> chunk), raw and gzipped. Run it against a production
// server (`npm run build && npm start`); development chunks are not representative.
import { gzipSync } from 'node:zlib';

async function measure(
  pageUrl: string,
): Promise<{ url: string; scripts: number; rawKb: number; gzipKb: number }> {
  const res = await fetch(pageUrl);
  if (!res.ok) throw new Error(`${pageUrl} answered ${res.status}`);
  const html = await res.text();
  // Modern browsers skip noModule scripts (legacy polyfills), so they are not part of the first load.
  const tags = [...html.matchAll(/<script([^>]*)>/g)]
    .map((m) => m[1] ?? '')
    .filter((attrs) => !/\bnomodule\b/i.test(attrs));
  const srcs = [
    ...new Set(
      tags.map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1]).filter((s): s is string => Boolean(s)),
    ),
  ];
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, pageUrl))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return {
    url: pageUrl,
    scripts: srcs.length,
    rawKb: Math.round(raw / 102.4) / 10,
    gzipKb: Math.round(gz / 102.4) / 10,
  };
}

const urls = process.argv.slice(2);
if (urls.length === 0) {
  console.error('usage: npm run measure:first-load -- http://localhost:3000/g/<code> [more URLs]');
  process.exit(2);
}
for (const u of urls) console.log(JSON.stringify(await measure(u)));
