import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { licenceTableMarkdown } from './support/licence-table';

// Prints the README's licence table from the installed packages.
console.log(licenceTableMarkdown(join(fileURLToPath(import.meta.url), '..', '..')));
