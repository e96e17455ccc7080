import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from './config/app-config.js';
import { storedJwtSecretNotice } from './config/jwt-secret.js';
import { migrateDatabase } from './database/prepare-database.js';
import { createWorker } from './worker.factory.js';

/** The worker process alone (`npm run start:worker`); SIGTERM lets jobs in flight finish. */
async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  await migrateDatabase(config.database.url);
  await createWorker(config);
  const logger = new Logger('Bootstrap');
  if (config.auth.jwtSecretFile) logger.log(storedJwtSecretNotice(config.auth.jwtSecretFile));
  logger.log('FanRally workers started');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
