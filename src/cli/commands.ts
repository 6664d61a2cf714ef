import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { RoutingError } from '../../routing/travel-times';
import type { DomainContext, Repositories } from '../domain/context';
import { createStaff } from '../domain/admin/manage-staff';
import { RiderPhoneTaken } from '../data-access/users-repository';
import { RoadDataRejectedError } from '../domain/dispatch/stop-matrix-check';
import { hashToken, newToken } from '../domain/auth/tokens';
import { phoneNumberSchema } from '../domain/users/phone-number';
import { importGtfsStops } from '../domain/admin/manage-stops';
import { CliUsageError, parseCliArgs } from './cli-args';

export { CliUsageError };

/** A command that could not do its work for a reason outside the caller's input: one line, exit 1. */
export class CliFailure extends Error {}

export interface CliOutput {
  info(line: string): void;
  error(line: string): void;
}

const userCreateSchema = z
  .object({
    role: z.enum(['rider', 'driver', 'dispatcher', 'admin']),
    name: z.string().trim().min(1),
    phone: phoneNumberSchema.optional(),
  })
  .strict();

/** `user:create --role dispatcher --name "…" [--phone …]`: prints the new token once. */
export async function userCreate(repos: Repositories, options: Record<string, string>, out: CliOutput): Promise<void> {
  const parsed = userCreateSchema.safeParse(options);
  if (!parsed.success) {
    throw new CliUsageError(parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
  }
  const token = newToken();
  const user = await repos.users.create({ ...parsed.data, tokenHash: hashToken(token) }).catch((error: unknown) => {
    throw error instanceof RiderPhoneTaken ? new CliUsageError(`--phone: ${error.message}`) : error;
  });
  out.info(`Created ${user.role} "${user.name}" (${user.id}).`);
  out.info(`Token (shown once, keep it safe): ${token}`);
}

const adminCreateSchema = z.object({ name: z.string().trim().min(1).max(120), phone: phoneNumberSchema }).strict();

/**
 * `admin:create --name "…" --phone …`: the first admin of a new deployment (or another one); prints
 * the password (log-in by phone) and the API token once. Logged with the command line as actor.
 */
export async function adminCreate(ctx: Pick<DomainContext, 'db' | 'now' | 'repos'>, options: Record<string, string>, out: CliOutput): Promise<{ userId: string; password: string; token: string }> {
  const parsed = adminCreateSchema.safeParse(options);
  if (!parsed.success) {
    throw new CliUsageError(parsed.error.issues.map((i) => `--${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
  }
  const { user, password, token } = await createStaff(ctx, { actor: null, reason: 'npm run cli -- admin:create' }, { role: 'admin', ...parsed.data });
  out.info(`Created admin "${user.name}" (${user.id}).`);
  out.info(`Password (shown once): ${password}`);
  out.info(`API token (shown once, keep it safe): ${token}`);
  out.info('Next: set up a service area with POST /v1/admin/areas (README: "Setting up a new county").');
  return { userId: user.id, password, token };
}

/**
 * `stops:import-gtfs FILE --area ID`: inserts or updates stops by stop_id; rows outside the area and
 * rows with errors are reported and skipped.
 */
export async function stopsImportGtfs(repos: Repositories, file: string | undefined, options: Record<string, string>, out: CliOutput): Promise<{ inserted: number; updated: number; unchanged: number }> {
  if (!file) throw new CliUsageError('stops:import-gtfs needs a FILE (a GTFS stops.txt)');
  const areaId = z.uuid().safeParse(options.area);
  if (!areaId.success) throw new CliUsageError('--area: expected the service area id (UUID)');
  const area = await repos.areas.findById(areaId.data);
  if (!area) throw new CliUsageError(`--area: no service area ${areaId.data}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`FILE: cannot read ${file}: ${(error as Error).message}`);
  }
  const result = await importGtfsStops(repos, area, text);
  for (const e of result.errors) out.error(`${file}:${e.line}: ${e.field}: ${e.message}`);
  for (const stop of result.outside) out.error(`skipped ${stop.code} "${stop.name}": outside the service area`);
  const imported = result.inserted + result.updated + result.unchanged;
  out.info(`Imported ${imported} stops into "${area.name}": ${result.inserted} new, ${result.updated} updated (${result.moved} moved), ${result.unchanged} unchanged; ${result.outside.length} outside the area, ${result.errors.length} rows with errors.`);
  return { inserted: result.inserted, updated: result.updated, unchanged: result.unchanged };
}

/** Each command's options (all take a value) and whether it takes a FILE. */
const COMMANDS: Record<string, { options: string[]; file?: boolean }> = {
  'user:create': { options: ['role', 'name', 'phone'] },
  'admin:create': { options: ['name', 'phone'] },
  'stops:import-gtfs': { options: ['area'], file: true },
  'matrix:build': { options: ['area'] },
  'areas:list': { options: [] },
  'gtfs-flex:export': { options: ['area', 'out'] },
  'replan:replay': { options: ['area', 'seed', 'iterations', 'at'] },
};

/**
 * `COMMAND [FILE] --key value …` by node:util parseArgs, strict per command: an unknown command or
 * flag, or a flag without its value, is a CliUsageError naming it.
 */
export function parseCommandLine(argv: string[], usage: string): { command?: string; positional: string[]; options: Record<string, string> } {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') return { command: command === undefined ? undefined : 'help', positional: [], options: {} };
  const spec = COMMANDS[command];
  if (!spec) throw new CliUsageError(`unknown command "${command}"\n${usage}`);
  const options = Object.fromEntries(spec.options.map((name) => [name, { type: 'string' as const }]));
  const { values, positionals } = parseCliArgs(usage, options, { args: rest, allowPositionals: spec.file === true });
  if (positionals.length > 1) throw new CliUsageError(`${command} takes one FILE, not ${positionals.length}\n${usage}`);
  return { command, positional: positionals, options: values as Record<string, string> };
}

/** A one-line progress bar for long jobs, redrawn in place on a terminal and printed in steps otherwise. */
export function progressBar(label: string, write: (text: string) => void, isTTY: boolean) {
  let lastPct = -1;
  return (done: number, total: number) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === lastPct || (!isTTY && pct % 10 !== 0 && done !== total)) return;
    lastPct = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% (${done}/${total})`;
    write(isTTY ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}

/** `matrix:build --area ID`: stop-to-stop travel times of the area, stored for the workers. */
export async function matrixBuild(
  repos: Repositories,
  options: Record<string, string>,
  build: (areaId: string, onProgress: (done: number, total: number) => void) => Promise<{ stops: unknown[]; estimated: boolean }>,
  out: CliOutput,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const areaId = z.uuid().safeParse(options.area);
  if (!areaId.success) throw new CliUsageError('--area: expected the service area id (UUID)');
  const area = await repos.areas.findById(areaId.data);
  if (!area) throw new CliUsageError(`--area: no service area ${areaId.data}`);
  const started = Date.now();
  const matrix = await build(area.id, progress).catch((error: unknown) => {
    if (!(error instanceof RoutingError || error instanceof RoadDataRejectedError)) throw error;
    const oneLine = error.message.replace(/\s+/g, ' ');
    throw new CliFailure(`matrix:build: ${oneLine} — the stored matrix of "${area.name}" is unchanged.`);
  });
  const n = matrix.stops.length;
  out.info(`Stored a ${n}×${n} stop matrix for "${area.name}" in ${((Date.now() - started) / 1000).toFixed(1)} s (${matrix.estimated ? 'straight-line estimates' : 'road times from OSRM'}).`);
}
