import { SchemaOutdatedError } from '../db/migrate';
import { EmbeddedDatabaseInUseError } from '../db/pglite-holder';
import { openConfiguredDatabase } from '../src/bootstrap';
import { createTravelTimes } from '../routing/travel-times';
import { adminCreate, CliFailure, CliUsageError, matrixBuild, parseCommandLine, progressBar, stopsImportGtfs, userCreate } from '../src/cli/commands';
import { buildAndStoreStopMatrix } from '../src/domain/dispatch/stop-matrix-store';
import { config, ConfigError } from '../src/config/env';
import { createRepositories } from '../src/domain/context';
import { gtfsFlexExport } from '../src/cli/gtfs-flex-export';
import { replanReplay } from '../src/cli/replan-replay';

const USAGE = `Usage: npm run cli -- COMMAND
  user:create --role rider|driver|dispatcher|admin --name NAME [--phone PHONE]   create a user, print its token once
  admin:create --name NAME --phone PHONE                                         create an admin, print its password and token once
  stops:import-gtfs FILE --area AREA_ID                                          import stops from a GTFS stops.txt
  matrix:build --area AREA_ID                                                    build and store the area's stop-to-stop travel times
  areas:list                                                                     list service areas with their ids
  gtfs-flex:export --area AREA_ID --out FILE                                     write the area's GTFS-Flex feed (ZIP) for journey planners
  replan:replay --area AREA_ID --seed N --iterations K [--at ISO]                solve a logged re-optimisation again and print it (writes nothing)`;

const out = { info: (line: string) => console.log(line), error: (line: string) => console.error(line) };

async function main(): Promise<number> {
  const { command, positional, options } = parseCommandLine(process.argv.slice(2), USAGE);
  if (!command || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const cfg = config();
  const database = await openConfiguredDatabase(cfg);
  const repos = createRepositories(database.db);
  const travelTimes = createTravelTimes({
    osrmUrl: cfg.OSRM_URL,
    profile: cfg.OSRM_PROFILE,
    maxTableSize: cfg.OSRM_MAX_TABLE_SIZE,
    timeoutMs: cfg.OSRM_TIMEOUT_MS,
    detourFactor: cfg.ESTIMATE_DETOUR_FACTOR,
    speedKmh: cfg.ESTIMATE_SPEED_KMH,
  });
  try {
    switch (command) {
      case 'user:create':
        await userCreate(repos, options, out);
        return 0;
      case 'admin:create':
        await adminCreate({ db: database.db, repos, now: () => new Date() }, options, out);
        return 0;
      case 'stops:import-gtfs':
        await stopsImportGtfs(repos, positional[0], options, out);
        return 0;
      case 'matrix:build': {
        const bar = progressBar('matrix', (text) => process.stderr.write(text), Boolean(process.stderr.isTTY));
        const build = (areaId: string, onProgress: (done: number, total: number) => void) =>
          buildAndStoreStopMatrix(database.db, travelTimes, areaId, onProgress, { maxSnapM: cfg.OSRM_MAX_SNAP_M });
        // A bar drawn in place on a terminal ends its line before any error is printed.
        await matrixBuild(repos, options, build, out, bar).catch((error: unknown) => {
          if (process.stderr.isTTY) process.stderr.write('\n');
          throw error;
        });
        return 0;
      }
      case 'areas:list':
        for (const area of await repos.areas.list()) console.log(`${area.id}  ${area.name}`);
        return 0;
      case 'gtfs-flex:export':
        return gtfsFlexExport(repos, options, cfg, out);
      case 'replan:replay':
        return replanReplay(database.db, travelTimes, cfg, options, out);
      default:
        throw new CliUsageError(`unknown command "${command}"\n${USAGE}`);
    }
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const oneLine = [CliUsageError, ConfigError, CliFailure, EmbeddedDatabaseInUseError, SchemaOutdatedError].some((kind) => error instanceof kind);
    if (oneLine) console.error((error as Error).message);
    else console.error(error);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  },
);
