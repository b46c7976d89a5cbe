// Global setup of the multi-instance test: the production build its web instances serve, in
// FLOCK_DIST_DIR (default .next). `npm test` runs it right after the e2e suite has built the same app, so it
// passes FLOCK_REUSE_BUILD=1 and the build is reused; alone, `npm run test:scale` builds first.
// Edit when the web instances need another build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const distDir = process.env.FLOCK_DIST_DIR ?? '.next';
  if (process.env.FLOCK_REUSE_BUILD === '1' && fs.existsSync(path.join(distDir, 'BUILD_ID'))) return;
  // next build rewrites tsconfig.json; the checkout's own copy is put back.
  const tsconfig = fs.readFileSync('tsconfig.json', 'utf8');
  try {
    const r = spawnSync('npx', ['next', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, FLOCK_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error(`next build failed (exit ${String(r.status)})`);
  } finally {
    if (fs.readFileSync('tsconfig.json', 'utf8') !== tsconfig) fs.writeFileSync('tsconfig.json', tsconfig);
  }
}
