import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { DefaultJobOptions } from 'bullmq';
import { AppConfig } from '../config/app-config.js';
import { QueueName } from './queue-name.js';

/**
 * Retries, backoff and retention for every job, set once. Processors are idempotent, so a
 * retry is always safe; finished jobs are kept briefly for the dashboard, failed ones longer.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 60 * 60, count: 1000 },
  removeOnFail: { age: 7 * 24 * 60 * 60 },
};

const queues = BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name })));

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redis.url, maxRetriesPerRequest: null },
        prefix: config.redis.queuePrefix,
        defaultJobOptions,
      }),
    }),
    queues,
  ],
  exports: [queues],
})
export class QueuesModule {}
