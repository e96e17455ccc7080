import { getQueueToken, InjectQueue } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { CampaignStatus } from '../campaigns/campaign.enums.js';
import type { EventStatus } from '../events/event.enums.js';
import { addJobs } from '../outbox/add-jobs.js';
import type { OutboxJob } from '../outbox/outbox-job.js';
import { QueueName } from '../queues/queue-name.js';
import { reminderJobs } from '../reminders/reminder-jobs.js';
import { RECONCILE_TALLIES, RECONCILE_TALLIES_EVERY_MS } from '../tallies/tally-jobs.js';
import { campaignLifecycleJobs, eventEndJob } from './lifecycle-jobs.js';

export const RECONCILE = 'reconcile';
export const RECONCILE_EVERY_MS = 5 * 60_000;
const PAGE = 1000;
/** How often each worker checks that the scheduler is still in Redis (one HGETALL). */
export const ENSURE_EVERY_MS = 5_000;

interface UpcomingEvent {
  id: string;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  campaignStatus: CampaignStatus;
  reminderOffsetsMinutes: number[];
}

interface RunningCampaign {
  id: string;
  status: CampaignStatus;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Re-adds the reminder, end and lifecycle jobs of everything still to come, every few minutes
 * (a BullMQ job scheduler), so a Redis that lost its data is repaired. Deterministic job ids
 * make re-adding a job that exists a no-op; processors skip what no longer applies.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Lifecycle) private readonly lifecycle: Queue,
    @InjectQueue(QueueName.Tallies) private readonly tallies: Queue,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureScheduled();
    // The scheduler lives in Redis too: a Redis that lost its data lost it as well. Restoring
    // it runs a reconciliation at once, so lost jobs are back within seconds.
    this.timer = setInterval(() => {
      this.restoreIfLost().catch((error: Error) =>
        this.logger.warn(`reconciler not scheduled: ${error.message}`),
      );
    }, ENSURE_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Creates the job schedulers (jobs, tallies), or leaves them as they are when they exist. */
  async ensureScheduled(): Promise<void> {
    await Promise.all([
      this.lifecycle.upsertJobScheduler(
        RECONCILE,
        { every: RECONCILE_EVERY_MS },
        { name: RECONCILE },
      ),
      this.tallies.upsertJobScheduler(
        RECONCILE_TALLIES,
        { every: RECONCILE_TALLIES_EVERY_MS },
        { name: RECONCILE_TALLIES },
      ),
    ]);
  }

  /** Re-creates the schedulers when Redis lost one; leaves existing ones untouched. */
  async restoreIfLost(): Promise<void> {
    const found = await Promise.all([
      this.lifecycle.getJobScheduler(RECONCILE),
      this.tallies.getJobScheduler(RECONCILE_TALLIES),
    ]);
    if (found.every(Boolean)) return;
    this.logger.warn('a reconciler schedule was gone from Redis: restoring it, reconciling now');
    await this.ensureScheduled();
  }

  /** Returns how many jobs it (re-)added. */
  async reconcile(now = new Date()): Promise<number> {
    let added = 0;
    for (let after = ''; ;) {
      const events = await this.dataSource.query<(UpcomingEvent & { key: string })[]>(
        `SELECT e.id, e.status, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
                c.status AS "campaignStatus", c.reminder_offsets_minutes AS "reminderOffsetsMinutes",
                e.id::text AS key
           FROM events e JOIN campaigns c ON c.id = e.campaign_id
          WHERE e.status = 'SCHEDULED' AND e.ends_at > $1 AND c.status IN ('SCHEDULED', 'LIVE')
            AND e.id::text > $2
          ORDER BY e.id LIMIT ${PAGE}`,
        [now, after],
      );
      added += await this.add(
        events.flatMap((event) => [
          ...reminderJobs(
            event,
            { status: event.campaignStatus, reminderOffsetsMinutes: event.reminderOffsetsMinutes },
            now,
          ),
          eventEndJob(event),
        ]),
      );
      if (events.length < PAGE) break;
      after = events[events.length - 1].key;
    }
    const campaigns = await this.dataSource.query<RunningCampaign[]>(
      `SELECT id, status, starts_at AS "startsAt", ends_at AS "endsAt" FROM campaigns
        WHERE status IN ('SCHEDULED', 'LIVE')`,
    );
    added += await this.add(campaigns.flatMap(campaignLifecycleJobs));
    this.logger.log(`reconciled: ${added} jobs re-added`);
    return added;
  }

  private async add(jobs: OutboxJob[]): Promise<number> {
    await addJobs(
      (name) => this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
      jobs,
    );
    return jobs.length;
  }
}
