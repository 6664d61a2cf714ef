import pino from 'pino';

const PARAMS_LINE = /\nparams: [^\n]*/g;

/**
 * pino's error serializer without a failed query's parameters: drizzle puts them into the message
 * ("Failed query: … params: …"), the stack and `params`, and they are riders' names, numbers, notes
 * and hashes. The query text (placeholders only) stays, so the failure can still be found.
 */
export function errorWithoutQueryParams(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialised = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  return redact(serialised);
}

function redact(value: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  delete copy.params;
  delete copy.parameters;
  for (const key of ['message', 'stack'] as const) {
    if (typeof copy[key] === 'string') copy[key] = (copy[key] as string).replace(PARAMS_LINE, '\nparams: (not logged)');
  }
  if (depth < 5 && copy.cause && typeof copy.cause === 'object') copy.cause = redact(copy.cause as Record<string, unknown>, depth + 1);
  return copy;
}
