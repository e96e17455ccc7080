import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueName } from '../queues/queue-name.js';
import { NotificationDeliverer } from './notification-deliverer.service.js';
import { EventFanOut } from './event-fan-out.service.js';
import {
  DELIVER_NOTIFICATIONS,
  FAN_OUT_EVENT,
  type DeliverNotifications,
  type FanOutEvent,
} from './notification-jobs.js';

/** Several chunks at once: each is one INSERT, so Postgres does the waiting. */
@Processor(QueueName.Notifications, { concurrency: 4 })
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly deliverer: NotificationDeliverer,
    private readonly fanOut: EventFanOut,
  ) {
    super();
  }

  process(job: Job<DeliverNotifications | FanOutEvent>): Promise<number> {
    switch (job.name) {
      case DELIVER_NOTIFICATIONS:
        return this.deliverer.deliver(job.data as DeliverNotifications);
      case FAN_OUT_EVENT:
        return this.fanOut.fanOut(job.data as FanOutEvent);
      default:
        throw new Error(`Unknown notifications job ${job.name}`);
    }
  }
}
