import { errorTableMarkdown } from '../src/api/error-catalogue';

// Prints the README's error table from the error catalogue, so the two cannot drift
// (test/scripts/error-table.test.ts compares them).
console.log(errorTableMarkdown());
