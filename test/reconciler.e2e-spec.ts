import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Reconciler } from '../src/lifecycle/reconciler.service.js';
import { QueueName } from '../src/queues/queue-name.js';
import { insertMembers } from './helpers/bulk-members.js';
import { eventually } from './helpers/eventually.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  joinEvent,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('the reconciler', () => {
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    t = await startTestApp({}, { workers: true });
    redis = new Redis(t.config.redis.url);
  });
  afterAll(async () => {
    redis.disconnect();
    await t.close();
  });

  /** What a Redis restart without persistence does to this app: every one of its keys gone. */
  async function loseRedisData(): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${t.config.redis.queuePrefix}:*`,
        'COUNT',
        1000,
      );
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  it('runs every few minutes from a job scheduler, which it restores when Redis lost it', async () => {
    const lifecycle = t.app.get<Queue>(getQueueToken(QueueName.Lifecycle));
    const scheduled = async () =>
      (await lifecycle.getJobSchedulers()).map((scheduler) => [scheduler.key, scheduler.every]);
    expect(await scheduled()).toContainEqual(['reconcile', 300000]);
    await loseRedisData();
    expect(await scheduled()).toEqual([]);
    await t.worker!.get(Reconciler).ensureScheduled();
    expect(await scheduled()).toContainEqual(['reconcile', 300000]);
  });

  it('restores the jobs Redis lost, and the reminder goes out once', async () => {
    const roles = await createCommunityWithRoles(t);
    const campaign = await createCampaign(t, roles.organizer, roles.community.id, {
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      reminderOffsetsMinutes: [1],
    });
    const startsAt = new Date(Date.now() + 60_000 + 5000);
    const event = await createEvent(t, roles.organizer, campaign.id, {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
    });
    const fans = await insertMembers(t, 3);
    for (const fan of fans) await joinEvent(t, fan, event.id);

    const reminders = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const jobId = `remind-${event.id}-1-${startsAt.getTime()}`;
    await eventually(async () => ((await reminders.getJob(jobId)) ? true : undefined), {
      what: 'the outbox to relay the reminder',
    });
    await loseRedisData();
    expect(await reminders.getJob(jobId)).toBeUndefined();

    const reconciler = t.worker!.get(Reconciler);
    expect(await reconciler.reconcile()).toBeGreaterThan(0);
    expect(await reconciler.reconcile()).toBeGreaterThan(0);
    expect(await reminders.getJob(jobId)).toBeDefined();

    const sent = await eventually(async () => {
      const rows = await t.sql<{ member_id: string }>(
        `SELECT member_id FROM notifications WHERE event_id = $1 AND kind = 'EVENT_REMINDER'`,
        [event.id],
      );
      return rows.length >= 3 ? rows : undefined;
    });
    expect(sent.map((row) => row.member_id).sort()).toEqual(fans.map((fan) => fan.id).sort());
    await eventually(async () => ((await reminders.getJob(jobId))?.finishedOn ? true : undefined));
    expect(await t.sql(`SELECT 1 FROM notifications WHERE event_id = $1`, [event.id])).toHaveLength(
      3,
    );
  });
});
