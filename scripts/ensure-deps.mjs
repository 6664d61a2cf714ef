// Installs dependencies on a fresh clone so that `npm start` and `npm test` are the only two commands a
// user needs. Plain JavaScript on purpose: it runs before TypeScript tooling exists.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

const installed = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
if (!installed) {
  console.log('Installing dependencies (npm ci) — first start only …');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
