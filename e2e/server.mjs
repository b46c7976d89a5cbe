// Starts the app for Playwright from a clean slate: a fresh data folder, a production build, `npm start`.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';

const dataDir = process.env.FLOCK_DATA_DIR ?? '.flock/e2e';
fs.rmSync(dataDir, { recursive: true, force: true });
execSync('npx next build', { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
const child = spawn('npx', ['tsx', 'tools/dev.ts', 'start'], { stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
