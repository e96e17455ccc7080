import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { migrateDatabase } from '../database/prepare-database.js';

/** `npm run migration:run` applies pending migrations; `-- --revert` undoes the last one. */
async function main(): Promise<void> {
  const { database } = AppConfig.fromEnv();
  if (!process.argv.includes('--revert')) {
    const applied = await migrateDatabase(database.url);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    return;
  }
  const dataSource = await new DataSource(dataSourceOptions(database.url, 1)).initialize();
  await dataSource.undoLastMigration();
  console.log('Reverted the last migration.');
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
