import { Injectable } from '@nestjs/common';
import { EmailOutboxRepository } from './email/email-outbox.repository.js';
import { EmailOutlet } from './email/email-outlet.js';
import { NotificationPublisher } from './live/notification-publisher.js';
import type { DeliverNotifications } from './notification-jobs.js';
import { NotificationKind } from './notification-kind.js';
import { NotificationDeliveryRepository } from './notification-delivery.repository.js';
import {
  renderAnnouncement,
  renderCampaignLive,
  renderEventNotification,
  type RenderedNotification,
} from './notification-text.js';

interface Subject {
  campaignId: string | null;
  eventId: string | null;
  /** The text for a member in time zone `zone`: the same for everyone in that zone. */
  render(zone: string): RenderedNotification;
}

/**
 * Writes one chunk of notifications, each once whatever the retries, pushes the new ones to
 * subscribed clients, then emails those that still owe their email.
 */
@Injectable()
export class NotificationDeliverer {
  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly emailOutbox: EmailOutboxRepository,
    private readonly email: EmailOutlet,
    private readonly publisher: NotificationPublisher,
  ) {}

  /** Returns how many notifications were new. */
  async deliver(job: DeliverNotifications): Promise<number> {
    const [subject, recipients] = await Promise.all([
      this.subjectOf(job),
      this.deliveries.recipients(job.memberIds),
    ]);
    if (!subject) return 0;
    // Rendered once per zone, not per member: formatting a date in a zone is costly.
    const texts = new Map<string, RenderedNotification>();
    const textIn = (zone: string) => {
      let text = texts.get(zone);
      if (!text) texts.set(zone, (text = subject.render(zone)));
      return text;
    };
    const rows = recipients.map((member) => ({
      memberId: member.id,
      kind: job.kind,
      ...textIn(member.timezone),
      campaignId: subject.campaignId,
      eventId: subject.eventId,
      deliveryKey: `${job.key}-${member.id}`,
    }));
    const inserted = await this.deliveries.insert(rows);
    await this.publisher.publish(inserted);
    await this.sendEmails(rows.map((row) => row.deliveryKey));
    return inserted.length;
  }

  /**
   * Emails what the chunk still owes, marking each email sent as soon as the server accepted
   * it (a crash then resends only the few accepted but not yet marked); throws so the job
   * retries the emails that failed.
   */
  private async sendEmails(deliveryKeys: string[]): Promise<void> {
    if (!this.email.enabled) return;
    const pending = await this.emailOutbox.pendingEmails(deliveryKeys);
    const sent = await this.email.send(pending, async (notificationId) => {
      await this.emailOutbox.markEmailed([notificationId]);
    });
    // Marks again any whose own mark failed (a database blip); the others are marked already.
    await this.emailOutbox.markEmailed(sent);
    if (sent.length < pending.length) {
      throw new Error(`${pending.length - sent.length} of ${pending.length} emails not sent yet`);
    }
  }

  /** What the notification speaks of, read now; null when it is gone. */
  private async subjectOf(job: DeliverNotifications): Promise<Subject | null> {
    if (job.kind === NotificationKind.ANNOUNCEMENT) {
      const announcement = job.announcementId
        ? await this.deliveries.announcement(job.announcementId)
        : null;
      const campaign =
        announcement && (await this.deliveries.campaignFacts(announcement.campaignId));
      if (!announcement || !campaign) return null;
      return {
        campaignId: announcement.campaignId,
        eventId: null,
        render: () => renderAnnouncement(campaign, announcement.message),
      };
    }
    if (job.kind === NotificationKind.CAMPAIGN_LIVE) {
      const campaign = job.campaignId ? await this.deliveries.campaignFacts(job.campaignId) : null;
      if (!campaign || !job.campaignId) return null;
      return {
        campaignId: job.campaignId,
        eventId: null,
        render: (zone) => renderCampaignLive(campaign, zone),
      };
    }
    const event = job.eventId ? await this.deliveries.eventFacts(job.eventId) : null;
    if (!event || !job.eventId) return null;
    return {
      campaignId: event.campaignId,
      eventId: job.eventId,
      render: (zone) => renderEventNotification(job.kind, event, zone, job.offsetMinutes),
    };
  }
}
