import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';

/**
 * A WorkerHost that logs its worker's errors (a lost connection, a job whose keys vanished
 * with Redis's data) instead of leaving BullMQ's 'error' event without a listener.
 */
export abstract class ProcessorHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`worker error: ${error.message}`);
  }
}
