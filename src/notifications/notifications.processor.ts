import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../queues/queue-name.js';
import { NotificationDeliverer } from './notification-deliverer.service.js';
import { DELIVER_NOTIFICATIONS, type DeliverNotifications } from './notification-jobs.js';

/** Several chunks at once: each is one INSERT, so Postgres does the waiting. */
@Processor(QueueName.Notifications, { concurrency: 4 })
export class NotificationsProcessor extends WorkerHost {
  constructor(private readonly deliverer: NotificationDeliverer) {
    super();
  }

  process(job: Job<DeliverNotifications>): Promise<number> {
    switch (job.name) {
      case DELIVER_NOTIFICATIONS:
        return this.deliverer.deliver(job.data);
      default:
        throw new Error(`Unknown notifications job ${job.name}`);
    }
  }
}
