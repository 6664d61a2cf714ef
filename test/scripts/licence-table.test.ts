import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { licenceTableMarkdown } from '../../scripts/support/licence-table';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The README's table under "## Licences": from its header row to the first line that is no row. */
function readmeLicenceTable(): string {
  const lines = readFileSync(`${ROOT}/README.md`, 'utf8').split('\n');
  const start = lines.indexOf('| package | licence | used for |', lines.indexOf('## Licences'));
  expect(start).toBeGreaterThan(0);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end).join('\n');
}

describe('the licence table', () => {
  it('in the README lists every direct dependency with its licence (regenerate: npx tsx scripts/licence-table.ts)', () => {
    expect(readmeLicenceTable()).toBe(licenceTableMarkdown(ROOT));
  });
});
