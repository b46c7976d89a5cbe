// `npm run dev` works on every address a person would open it on: localhost, 127.0.0.1 and this machine's
// LAN address (a phone on the same Wi-Fi). Next's dev server refuses its scripts to hosts it does not know
// (allowedDevOrigins in next.config.js), which left pages drawn but dead. This spec starts its own dev server
// on a free port with a throwaway data folder, and proves a client component hydrated and reacts on each.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './helpers/fixtures';

const TSCONFIG = path.join(process.cwd(), 'tsconfig.json');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** This machine's first LAN IPv4 address, as a phone on the same network would use it (none offline). */
function lanAddress(): string | null {
  const all = Object.values(os.networkInterfaces()).flat();
  return all.find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? null;
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const end = Date.now() + 240_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited early:\n${log()}`);
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`npm run dev did not answer at ${url}:\n${log()}`);
}

test.describe('npm run dev', () => {
  test.describe.configure({ timeout: 420_000 });
  let child: ChildProcess | null = null;
  let port = 0;
  let output = '';
  let dataDir = '';
  let distDir = '';

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    port = await freePort();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flock-dev-'));
    distDir = `.next-devtest-${port}`;
    // next dev adds its build folder's types to tsconfig.json; those lines are taken out afterwards.
    // APP_URL left out (the default, localhost): the other addresses must work without it.
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.APP_URL;
    child = spawn('npm', ['run', 'dev'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        PORT: String(port),
        FLOCK_DATA_DIR: dataDir,
        FLOCK_DIST_DIR: distDir,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    });
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, child, () => output);
  });

  test.afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    const tsconfig = fs.readFileSync(TSCONFIG, 'utf8');
    const kept = tsconfig
      .split('\n')
      .filter((line) => !line.includes(`"${distDir}/`))
      .join('\n')
      .replace(/,(\s*\])/g, '$1');
    if (kept !== tsconfig) fs.writeFileSync(TSCONFIG, kept);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(distDir, { recursive: true, force: true });
  });

  const hosts = ['127.0.0.1', 'localhost', lanAddress()].filter((h): h is string => h !== null);
  for (const host of hosts) {
    test(`a page opened on ${host} hydrates and answers a click`, async ({ browser }) => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const console: string[] = [];
      page.on('console', (m) => console.push(m.text()));
      try {
        await page.goto(`http://${host}:${port}/merchant/sign-in`, { timeout: 180_000 });
        // React marks the elements it hydrated; a page whose scripts were refused never gets there.
        await page.waitForFunction(
          () => {
            const el = document.querySelector('#email');
            return el !== null && Object.keys(el).some((k) => k.startsWith('__reactProps$'));
          },
          undefined,
          { timeout: 180_000 },
        );
        await page.getByLabel('E-mail').fill('nobody@example.test');
        await page.getByLabel('Password').fill('not the password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        // Answered in place by the client component (a dead page would reload with the fields in the URL).
        await expect(page.locator('form [role=alert]')).toBeVisible({ timeout: 60_000 });
        await expect(page.getByLabel('E-mail')).toHaveValue('nobody@example.test');
        expect(page.url()).toBe(`http://${host}:${port}/merchant/sign-in`);
        // (The wrong password's own 401 is expected; a refused dev script would be a 403.)
        expect(console.filter((t) => /cross-origin|status of 403/i.test(t))).toEqual([]);
        expect(output).not.toContain('Blocked cross-origin request');
      } finally {
        await ctx.close();
      }
    });
  }
});
