import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigError } from '../config/app-config.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { migrateDatabase } from '../database/prepare-database.js';
import { seedDemoData } from '../demo/demo-data.js';
import { demoDataSummary, demoLoginLines } from '../demo/demo-report.js';

/** `npm run seed`: migrates DATABASE_URL, then loads the #AlitaArmy demo data if missing. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  if (config.env === 'production' && !config.database.seedDemoData) {
    // Every demo account shares a published password.
    throw new ConfigError([
      'SEED_DEMO_DATA must be true to seed demo accounts when NODE_ENV is production',
    ]);
  }
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
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
