import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A mistake in the command line: the message names it, and the process exits 2 with the usage. */
export class CliUsageError extends Error {}

/**
 * `node:util` parseArgs, strict: an unknown flag, a missing value or an unexpected positional fails
 * with a CliUsageError naming it, followed by the usage.
 */
export function parseCliArgs<const O extends Options>(usage: string, options: O, settings: { args?: string[]; allowPositionals?: boolean } = {}) {
  try {
    return parseArgs({ args: settings.args ?? process.argv.slice(2), options, strict: true, allowPositionals: settings.allowPositionals ?? false });
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** An option's value as a whole number of at least `min` (default 0), or a CliUsageError naming the option. */
export function wholeNumber(name: string, value: string | undefined, min = 0): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < min) throw new CliUsageError(`--${name}: expected a whole number of at least ${min}, not "${value ?? ''}"`);
  return n;
}

/** For scripts: runs `parse`, and on a usage mistake prints it and exits 2 instead of a stack trace. */
export function argsOrExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
