import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue, errorTableMarkdown, httpErrorCodes } from '../../src/api/error-catalogue';
import { domainErrorCodes } from '../../src/domain/error-codes';

const README = new URL('../../README.md', import.meta.url);

/** The README's table under "### Errors": from its header row to the first line that is no row. */
function readmeErrorTable(): string {
  const lines = readFileSync(README, 'utf8').split('\n');
  const start = lines.indexOf('| status | type | when |', lines.indexOf('### Errors'));
  expect(start).toBeGreaterThan(0);
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end).join('\n');
}

describe('the error table', () => {
  it('in the README is the one scripts/error-table.ts prints (regenerate: npx tsx scripts/error-table.ts)', () => {
    expect(readmeErrorTable()).toBe(errorTableMarkdown());
  });

  it('lists each code once, kebab-case', () => {
    const codes = errorCatalogue().map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
    const overlap = Object.keys(httpErrorCodes).filter((code) => code in domainErrorCodes);
    expect(overlap).toEqual([]);
    for (const code of [...Object.keys(domainErrorCodes), ...codes]) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
