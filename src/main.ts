import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/app-config.js';
import { storedJwtSecretNotice } from './config/jwt-secret.js';
import { exitOnStartupFailure } from './config/startup-failure.js';
import { startOnDatabase, type OpenedDatabase } from './database/open-database.js';
import { migrateDatabase } from './database/prepare-database.js';
import { createWorker } from './worker.factory.js';
import { seedDemoData, type DemoDataResult } from './demo/demo-data.js';
import { demoDataSummary, demoLoginLines } from './demo/demo-report.js';

async function bootstrap({ config, notice }: OpenedDatabase): Promise<void> {
  const applied = await migrateDatabase(config.database.url);
  const app = await createApp(config);
  const logger = new Logger('Bootstrap');
  logger.log(notice);
  if (config.auth.jwtSecretFile) logger.log(storedJwtSecretNotice(config.auth.jwtSecretFile));
  let demo: DemoDataResult | null = null;
  if (config.database.seedDemoData) {
    // Demo data is a convenience: the API serves without it.
    demo = await seedDemoData(app.get(DataSource)).catch((error: unknown) => {
      logger.error('Demo data not loaded', error instanceof Error ? error.stack : error);
      return null;
    });
  }
  await app.listen(config.http.port, config.http.host);
  if (config.workers.run) await createWorker(config);
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
  const graphqlUrl = `${await app.getUrl()}/graphql`;
  logger.log(`FanRally API on ${graphqlUrl}`);
  if (demo) {
    if (demo.outcome === 'skipped') logger.warn(demoDataSummary(demo));
    else logger.log(demoDataSummary(demo));
    const logins = demoLoginLines(demo);
    logins.forEach((line) => logger.log(line));
    if (logins.length) logger.log(`GraphQL IDE: open ${graphqlUrl} in a browser and log in`);
  }
}

startOnDatabase(() => AppConfig.fromEnv(), bootstrap).catch(exitOnStartupFailure);
