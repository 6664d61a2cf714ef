// The browser tests need a Chromium of the system (Playwright's own download cannot be used). On a
// machine without one, `npm test` says so and how to get one, instead of failing for want of a
// browser; CI sets REQUIRE_BROWSER_TESTS=1 (and installs Chromium), so there a missing browser fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const found = process.env.CHROMIUM_PATH
  ? existsSync(process.env.CHROMIUM_PATH)
  : spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { stdio: 'ignore' }).status === 0;
if (!found) {
  const message = 'Browser tests not run: no Chromium found (install it, e.g. `apt-get install chromium`, or set CHROMIUM_PATH).';
  if (process.env.REQUIRE_BROWSER_TESTS === '1') {
    console.error(message);
    process.exit(1);
  }
  console.warn(`\n${message}\n`);
  process.exit(0);
}
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
