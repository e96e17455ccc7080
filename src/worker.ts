import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { storedJwtSecretNotice } from './config/jwt-secret.js';
import { exitOnStartupFailure } from './config/startup-failure.js';
import { startOnDatabase, type OpenedDatabase } from './database/open-database.js';
import { migrateDatabase } from './database/prepare-database.js';
import { createWorker } from './worker.factory.js';

/** The worker process alone (`npm run start:worker`); SIGTERM lets jobs in flight finish. */
async function bootstrap({ config, notice }: OpenedDatabase): Promise<void> {
  await migrateDatabase(config.database.url);
  await createWorker(config);
  const logger = new Logger('Bootstrap');
  logger.log(notice);
  if (config.auth.jwtSecretFile) logger.log(storedJwtSecretNotice(config.auth.jwtSecretFile));
  logger.log('FanRally workers started');
}

startOnDatabase(() => AppConfig.fromEnv(), bootstrap).catch(exitOnStartupFailure);
