import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Global, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { DefaultJobOptions, Queue } from 'bullmq';
import { AppConfig } from '../config/app-config.js';
import { QueueName } from './queue-name.js';
import { reconnectDelay } from './worker-options.js';

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
        connection: {
          url: config.redis.url,
          maxRetriesPerRequest: null,
          retryStrategy: reconnectDelay,
        },
        prefix: config.redis.queuePrefix,
        defaultJobOptions,
      }),
    }),
    queues,
  ],
  exports: [queues],
})
export class QueuesModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');

  constructor(private readonly moduleRef: ModuleRef) {}

  /**
   * Logs the queues' connection errors (Redis away): without a listener BullMQ writes each
   * one to stderr with its stack, once per reconnection attempt and queue.
   */
  onApplicationBootstrap(): void {
    for (const name of Object.values(QueueName)) {
      this.moduleRef
        .get<Queue>(getQueueToken(name), { strict: false })
        .on('error', (error: Error) => this.logger.warn(`queue ${name}: ${error.message}`));
    }
  }
}
