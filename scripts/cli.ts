import { openConfiguredDatabase } from '../src/bootstrap';
import { CliUsageError, parseArgs, stopsImportGtfs, userCreate } from '../src/cli/commands';
import { config, ConfigError } from '../src/config/env';
import { createRepositories } from '../src/domain/context';

const USAGE = `Usage: npm run cli -- COMMAND
  user:create --role rider|driver|dispatcher|admin --name NAME [--phone PHONE]   create a user, print its token once
  stops:import-gtfs FILE --area AREA_ID                                          import stops from a GTFS stops.txt
  areas:list                                                                     list service areas with their ids`;

const out = { info: (line: string) => console.log(line), error: (line: string) => console.error(line) };

async function main(): Promise<number> {
  const { command, positional, options } = parseArgs(process.argv.slice(2));
  if (!command || command === 'help' || options.help) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const database = await openConfiguredDatabase(config());
  const repos = createRepositories(database.db);
  try {
    switch (command) {
      case 'user:create':
        await userCreate(repos, options, out);
        return 0;
      case 'stops:import-gtfs':
        await stopsImportGtfs(repos, positional[0], options, out);
        return 0;
      case 'areas:list':
        for (const area of await repos.areas.list()) console.log(`${area.id}  ${area.name}`);
        return 0;
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
    if (error instanceof CliUsageError || error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  },
);
