import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createPino, PinoNestLogger } from './common/logging/pino-nest-logger.js';
import type { AppConfig } from './config/app-config.js';
import { WorkerModule } from './worker.module.js';

/** Starts the workers: BullMQ processors and the outbox relay (worker.ts and the tests). */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(createPino(config)),
  });
  worker.enableShutdownHooks();
  await worker.init();
  return worker;
}
