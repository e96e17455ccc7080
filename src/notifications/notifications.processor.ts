import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ProcessorHost } from '../queues/processor-host.js';
import { QueueName } from '../queues/queue-name.js';
import { recoveringWorker } from '../queues/worker-options.js';
import { NotificationDeliverer } from './notification-deliverer.service.js';
import { FanOutService } from './fan-out.service.js';
import {
  DELIVER_NOTIFICATIONS,
  FAN_OUT,
  type DeliverNotifications,
  type FanOut,
} from './notification-jobs.js';

/** Several chunks at once: each is one INSERT, so Postgres does the waiting. */
@Processor(QueueName.Notifications, { ...recoveringWorker, concurrency: 4 })
export class NotificationsProcessor extends ProcessorHost {
  constructor(
    private readonly deliverer: NotificationDeliverer,
    private readonly fanOut: FanOutService,
  ) {
    super();
  }

  process(job: Job<DeliverNotifications | FanOut>): Promise<number> {
    switch (job.name) {
      case DELIVER_NOTIFICATIONS:
        return this.deliverer.deliver(job.data as DeliverNotifications);
      case FAN_OUT:
        return this.fanOut.fanOut(job.data as FanOut);
      default:
        throw new Error(`Unknown notifications job ${job.name}`);
    }
  }
}
