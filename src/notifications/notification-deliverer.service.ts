import { Injectable } from '@nestjs/common';
import type { DeliverNotifications } from './notification-jobs.js';
import { NotificationDeliveryRepository } from './notification-delivery.repository.js';
import { renderEventNotification } from './notification-text.js';

/** Writes one chunk of notifications, each once, whatever the retries. */
@Injectable()
export class NotificationDeliverer {
  constructor(private readonly deliveries: NotificationDeliveryRepository) {}

  /** Returns how many notifications were new. */
  async deliver(job: DeliverNotifications): Promise<number> {
    if (!job.eventId) throw new Error(`A ${job.kind} delivery needs an event`);
    const [event, recipients] = await Promise.all([
      this.deliveries.eventFacts(job.eventId),
      this.deliveries.recipients(job.memberIds),
    ]);
    if (!event) return 0;
    const inserted = await this.deliveries.insert(
      recipients.map((member) => ({
        memberId: member.id,
        kind: job.kind,
        ...renderEventNotification(job.kind, event, member.timezone, job.offsetMinutes),
        campaignId: job.campaignId ?? null,
        eventId: job.eventId ?? null,
        deliveryKey: `${job.key}-${member.id}`,
      })),
    );
    return inserted.length;
  }
}
