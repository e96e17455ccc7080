import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { Logger } from '@nestjs/common';
import { AppConfig, ConfigError } from './config/app-config.js';
import { migrateDatabase } from './database/prepare-database.js';

async function bootstrap(): Promise<void> {
  const config = AppConfig.fromEnv();
  const applied = await migrateDatabase(config.database.url);
  const app = await createApp(config);
  await app.listen(config.http.port, config.http.host);
  const logger = new Logger('Bootstrap');
  if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
  logger.log(`FanRally API on ${await app.getUrl()}/graphql`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
