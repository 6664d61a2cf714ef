import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface PackageJson {
  license?: string;
  licenses?: Array<{ type: string }>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as PackageJson;

/** A package's licence as its own package.json declares it (SPDX expression). */
function licenceOf(root: string, name: string): string {
  const pkg = readJson(join(root, 'node_modules', name, 'package.json'));
  return pkg.license ?? pkg.licenses?.map((l) => l.type).join(' OR ') ?? 'UNKNOWN';
}

/**
 * The README's table of direct dependencies and their licences, read from the installed packages,
 * so the list cannot drift from package.json (test/scripts/licence-table.test.ts compares them).
 */
export function licenceTableMarkdown(root: string): string {
  const project = readJson(join(root, 'package.json'));
  const rows = [
    ...Object.keys(project.dependencies ?? {}).map((name) => ({ name, use: 'run time' })),
    ...Object.keys(project.devDependencies ?? {}).map((name) => ({ name, use: 'build and tests' })),
  ].sort((a, b) => a.name.localeCompare(b.name));
  return [
    '| package | licence | used for |',
    '|---|---|---|',
    ...rows.map(({ name, use }) => `| \`${name}\` | ${licenceOf(root, name)} | ${use} |`),
  ].join('\n');
}
