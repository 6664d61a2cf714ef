/** Answers of the test apps that differ from the OpenAPI document, until a test's end takes them. */
const mismatches: string[] = [];

export function noteMismatch(mismatch: string): void {
  mismatches.push(mismatch);
}

/** The mismatches found since the last call, emptied. */
export function takeMismatches(): string[] {
  return mismatches.splice(0);
}

/** Throws with every mismatch noted since the last call. */
export function failOnMismatches(): void {
  const found = takeMismatches();
  if (found.length > 0) throw new Error(`answers that differ from /v1/openapi.json:\n${found.join('\n')}`);
}
