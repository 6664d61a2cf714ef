import { argsOrExit, parseCliArgs } from '../src/cli/cli-args';
import { describeConfig } from '../src/config/env';

argsOrExit(() => parseCliArgs('Usage: npx tsx scripts/config-table.ts (no arguments)', {}));

// Prints the configuration table for the README from the schema itself, so the two cannot drift.
console.log('| key | default | meaning |');
console.log('|---|---|---|');
for (const { key, default: value, description } of describeConfig()) {
  console.log(`| \`${key}\` | ${value === '(unset)' ? '(unset)' : `\`${value}\``} | ${description.replaceAll('|', '\\|')} |`);
}
