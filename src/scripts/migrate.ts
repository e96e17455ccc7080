import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { exitOnStartupFailure } from '../config/startup-failure.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { startOnDatabase, type OpenedDatabase } from '../database/open-database.js';
import { migrateDatabase } from '../database/prepare-database.js';

/** `npm run migration:run` applies pending migrations; `-- --revert` undoes the last one. */
async function main({ config: { database }, notice, stop }: OpenedDatabase): Promise<void> {
  console.log(notice);
  if (!process.argv.includes('--revert')) {
    const applied = await migrateDatabase(database.url);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  } else {
    const dataSource = await new DataSource(dataSourceOptions(database.url, 1)).initialize();
    await dataSource.undoLastMigration();
    console.log('Reverted the last migration.');
    await dataSource.destroy();
  }
  await stop();
}

startOnDatabase(() => AppConfig.fromEnv(), main).catch(exitOnStartupFailure);
