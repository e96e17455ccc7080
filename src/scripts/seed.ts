import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config.js';
import { exitOnStartupFailure } from '../config/startup-failure.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { startOnDatabase, type OpenedDatabase } from '../database/open-database.js';
import { migrateDatabase } from '../database/prepare-database.js';
import { seedDemoData } from '../demo/demo-data.js';
import { demoDataSummary, demoLoginLines } from '../demo/demo-report.js';

/** The configuration, refused in production unless SEED_DEMO_DATA says true. */
function seedConfig(): AppConfig {
  const config = AppConfig.fromEnv();
  if (config.env === 'production' && !config.database.seedDemoData) {
    // Every demo account shares a published password.
    throw new ConfigError([
      'SEED_DEMO_DATA must be true to seed demo accounts when NODE_ENV is production',
    ]);
  }
  return config;
}

/** `npm run seed`: migrates the database, then loads the #AlitaArmy demo data if missing. */
async function main({ config, notice, stop }: OpenedDatabase): Promise<void> {
  console.log(notice);
  const applied = await migrateDatabase(config.database.url);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  const dataSource = await new DataSource(dataSourceOptions(config.database.url, 1)).initialize();
  try {
    const result = await seedDemoData(dataSource);
    console.log(demoDataSummary(result));
    for (const line of demoLoginLines(result)) console.log(line);
    if (result.outcome === 'skipped') process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
  await stop();
}

startOnDatabase(seedConfig, main).catch(exitOnStartupFailure);
