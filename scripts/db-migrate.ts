import { migrationState, SchemaOutdatedError } from '../db/migrate';
import { EmbeddedDatabaseInUseError } from '../db/pglite-holder';
import { openConfiguredDatabase } from '../src/bootstrap';
import { argsOrExit, parseCliArgs } from '../src/cli/cli-args';
import { config, ConfigError } from '../src/config/env';

/** `npm run db:migrate`: applies the committed migrations to the configured database (under the migration lock). */
async function main(): Promise<void> {
  argsOrExit(() => parseCliArgs('Usage: npm run db:migrate (no arguments; the database is the configured one)', {}));
  const database = await openConfiguredDatabase(config(), { migrate: true });
  try {
    const state = await migrationState(database.db);
    console.log(`Database schema is current: ${state.applied} of ${state.committed} migrations applied (${database.driver}).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  const known = [ConfigError, SchemaOutdatedError, EmbeddedDatabaseInUseError].some((kind) => error instanceof kind);
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
