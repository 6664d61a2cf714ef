import pino from 'pino';

const PARAMS_LINE = /\nparams: [^\n]*/g;
/** A quoted value in a database message ('value "+49…" is out of range'); quoted identifiers stay. */
const QUOTED_VALUE = /"(?![a-z_][a-z0-9_.]*")[^"\n]*"/g;

/**
 * pino's error serializer without a failed query's parameters: drizzle puts them into the message
 * ("Failed query: … params: …"), the stack and `params`, and the database quotes values in its own
 * messages and `detail` ("Key (phone)=(…)"); they are riders' names, numbers, notes and hashes. The
 * query text (placeholders only), SQLSTATE and constraint stay, so the failure can still be found.
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
  delete copy.detail;
  for (const key of ['message', 'stack'] as const) {
    if (typeof copy[key] === 'string') copy[key] = (copy[key] as string).replace(PARAMS_LINE, '\nparams: (not logged)').replace(QUOTED_VALUE, '"(value not logged)"');
  }
  if (depth < 5 && copy.cause && typeof copy.cause === 'object') copy.cause = redact(copy.cause as Record<string, unknown>, depth + 1);
  return copy;
}
