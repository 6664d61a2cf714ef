// Installs dependencies on a fresh clone so that `npm start` and `npm test` are the only two commands a
// user needs. Plain JavaScript on purpose: it runs before TypeScript tooling exists.
import { existsSync, readdirSync, statSync } from 'node:fs';
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

// The villagers' web app (web/): built when its build is missing or older than any of its sources.
const web = join(root, 'web');
const built = join(web, 'dist', 'index.html');
const newestMs = (path) => {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMs(join(path, name))));
};
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'budget-plugin.ts'].map((name) => join(web, name)).filter((p) => existsSync(p));
if (!existsSync(built) || statSync(built).mtimeMs < Math.max(statSync(lock).mtimeMs, ...sources.map(newestMs))) {
  console.log('Building the web app (vite build) …');
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--config', join(web, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Building the web app failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}
