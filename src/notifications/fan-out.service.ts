import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queues/queue-name.js';
import { NotificationDeliveryRepository } from './notification-delivery.repository.js';
import {
  DELIVER_NOTIFICATIONS,
  DELIVERY_CHUNK,
  type DeliverNotifications,
  type FanOut,
} from './notification-jobs.js';

/**
 * Pages through an audience by member id and adds one deliver job per chunk, with
 * deterministic ids, so a retried fan-out adds nothing twice. Returns how many it reached.
 */
@Injectable()
export class FanOutService {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    @InjectQueue(QueueName.Notifications) private readonly notifications: Queue,
  ) {}

  async fanOut({ audience, ...subject }: FanOut): Promise<number> {
    let after: string | null = null;
    let reached = 0;
    for (let chunk = 0; ; chunk++) {
      const memberIds = await this.deliveries.audienceAfter(audience, after, DELIVERY_CHUNK);
      if (!memberIds.length) break;
      const data: DeliverNotifications = { ...subject, memberIds };
      await this.notifications.add(DELIVER_NOTIFICATIONS, data, {
        jobId: `deliver-${subject.key}-${chunk}`,
      });
      reached += memberIds.length;
      after = memberIds[memberIds.length - 1];
      if (memberIds.length < DELIVERY_CHUNK) break;
    }
    return reached;
  }
}
