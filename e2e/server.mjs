// Starts the app for Playwright from a clean slate: a fresh data folder, a production build, `npm start`.
// Loopback is a trusted proxy here, so each simulated phone's X-Forwarded-For (e2e/helpers) is its own
// client address, as behind a real reverse proxy; better-auth's per-address limits then keep them apart.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';

const dataDir = process.env.FLOCK_DATA_DIR ?? '.flock/e2e';
fs.rmSync(dataDir, { recursive: true, force: true });
execSync('npx next build', { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
const child = spawn('npx', ['tsx', 'tools/dev.ts', 'start'], {
  stdio: 'inherit',
  env: { ...process.env, TRUSTED_PROXIES: process.env.TRUSTED_PROXIES ?? '127.0.0.1,::1' },
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
