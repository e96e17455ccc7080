import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { CloseCode, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import {
  notificationChannel,
  type LiveNotification,
} from '../src/notifications/live/live-notification.js';
import { NotificationPublisher } from '../src/notifications/live/notification-publisher.js';
import { createWorker } from '../src/worker.factory.js';
import { eventually } from './helpers/eventually.js';
import { expectData } from './helpers/expectations.js';
import {
  createEventWithRoles,
  createMember,
  type TestCampaign,
  type TestEvent,
  type TestMember,
} from './helpers/factories.js';
import {
  listen as subscribe,
  replicasListening as listening,
  WsClients,
  type Listener,
} from './helpers/live.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const NOTIFICATION_ADDED = `subscription {
  notificationAdded {
    id kind title body createdAt readAt
    campaign { id title }
    event { id campaign { id } }
  }
}`;

describe('notificationAdded over graphql-ws, across API replicas', () => {
  let a: TestApp;
  let b: TestApp;
  let worker: INestApplicationContext;
  let publisher: NotificationPublisher;
  let redis: Redis;
  let campaign: TestCampaign;
  let event: TestEvent;
  const clients = new WsClients();

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, { replicaOf: a });
    worker = await createWorker(a.config);
    publisher = worker.get(NotificationPublisher);
    redis = new Redis(a.config.redis.url);
    ({ campaign, event } = await createEventWithRoles(a));
  });

  afterAll(async () => {
    await clients.disposeAll();
    await worker?.close();
    await b?.close();
    await a?.close();
    redis?.disconnect();
  });

  const connect = (t: TestApp, token?: string): Client => clients.connect(t, token);

  const listen = (client: Client, query = NOTIFICATION_ADDED): Listener =>
    subscribe(client, { query });

  /** Waits until `count` results arrived, and returns them. */
  const received = (listener: Listener, count: number, what: string) =>
    eventually(
      () => Promise.resolve(listener.results.length >= count ? listener.results : undefined),
      { deadlineMs: 10_000, everyMs: 20, what },
    );

  /** Waits until this many API replicas listen on the member's channel. */
  const replicasListening = (member: TestMember, count: number) =>
    listening(redis, notificationChannel(a.config.redis.queuePrefix, member.id), count, {
      deadlineMs: 10_000,
      everyMs: 20,
    });

  /** Stores notifications as the deliverer does and returns the rows it hands the publisher. */
  async function store(
    rows: { member: TestMember; kind: string; title: string; withEvent?: boolean }[],
  ): Promise<LiveNotification[]> {
    const stored: LiveNotification[] = [];
    for (const row of rows) {
      const [notification] = await a.sql<LiveNotification>(
        `INSERT INTO notifications (member_id, kind, title, body, campaign_id, event_id, delivery_key)
         VALUES ($1, $2, $3, 'Doors open at 7 pm.', $4, $5, $6)
         RETURNING id, member_id AS "memberId", kind, title, body, campaign_id AS "campaignId",
                   event_id AS "eventId", created_at AS "createdAt", read_at AS "readAt"`,
        [
          row.member.id,
          row.kind,
          row.title,
          row.withEvent ? campaign.id : null,
          row.withEvent ? event.id : null,
          `test-${randomUUID()}`,
        ],
      );
      stored.push(notification);
    }
    return stored;
  }

  const pushed = (row: LiveNotification, withEvent: boolean) => ({
    data: {
      notificationAdded: {
        id: row.id,
        kind: row.kind,
        title: row.title,
        body: 'Doors open at 7 pm.',
        createdAt: row.createdAt.toISOString(),
        readAt: null,
        campaign: withEvent ? { id: campaign.id, title: 'Alita anniversary screenings' } : null,
        event: withEvent ? { id: event.id, campaign: { id: campaign.id } } : null,
      },
    },
  });

  it('pushes a member’s new notifications to each of their sockets, on any replica, and only theirs', async () => {
    const fan = await createMember(a);
    const other = await createMember(a);
    const fanOnA = listen(connect(a, fan.token));
    const fanOnB = listen(connect(b, fan.token));
    const otherOnB = listen(connect(b, other.token));
    await replicasListening(fan, 2);
    await replicasListening(other, 1);

    const [reminder, announcement] = await store([
      { member: fan, kind: 'EVENT_REMINDER', title: 'Screening tomorrow', withEvent: true },
      { member: other, kind: 'ANNOUNCEMENT', title: 'Not for the fan' },
    ]);
    await publisher.publish([reminder, announcement]);
    expect(await received(fanOnA, 1, 'the reminder on A')).toEqual([pushed(reminder, true)]);
    expect(await received(fanOnB, 1, 'the reminder on B')).toEqual([pushed(reminder, true)]);
    expect(await received(otherOnB, 1, 'the announcement')).toEqual([pushed(announcement, false)]);

    // Redis delivers a connection's messages in order: once this one is in, nothing else came.
    const [changed] = await store([{ member: fan, kind: 'EVENT_CHANGED', title: 'Moved to 8 pm' }]);
    await publisher.publish([changed]);
    expect(await received(fanOnA, 2, 'the change on A')).toEqual([
      pushed(reminder, true),
      pushed(changed, false),
    ]);
    await received(fanOnB, 2, 'the change on B');
    expect(otherOnB.results).toHaveLength(1);
    expect(
      [fanOnA, fanOnB, otherOnB].map(({ error, completed }) => ({ error, completed })),
    ).toEqual(Array(3).fill({ error: undefined, completed: false }));

    // Ending a subscription lets go of the member's channel on that replica.
    fanOnA.stop();
    await replicasListening(fan, 1);
    fanOnB.stop();
    otherOnB.stop();
    await replicasListening(fan, 0);
    await replicasListening(other, 0);
  });

  it('masks a message it cannot read as an internal error, and keeps listening', async () => {
    const fan = await createMember(a);
    const listener = listen(connect(b, fan.token));
    await replicasListening(fan, 1);
    const channel = notificationChannel(a.config.redis.queuePrefix, fan.id);
    await redis.publish(channel, JSON.stringify({ id: randomUUID(), kind: 'SELECT 1' }));
    const [live] = await store([{ member: fan, kind: 'ANNOUNCEMENT', title: 'Still here' }]);
    await publisher.publish([live]);
    expect(await received(listener, 2, 'the bad message and the good one')).toEqual([
      {
        data: null,
        errors: [
          {
            message: 'Internal server error.',
            locations: [{ line: 2, column: 3 }],
            path: ['notificationAdded'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
      },
      pushed(live, false),
    ]);
    listener.stop();
  });

  it('answers a subscription without a token with UNAUTHENTICATED, keeping the socket', async () => {
    const client = connect(a);
    const anonymous = listen(client);
    const [result] = await received(anonymous, 1, 'the refusal');
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.any(String),
        path: ['notificationAdded'],
        extensions: { code: 'UNAUTHENTICATED' },
      }),
    ]);
    await eventually(() => Promise.resolve(anonymous.completed || undefined), {
      what: 'the refused subscription to complete',
    });
    expect(anonymous.error).toBeUndefined();

    const query = listen(client, '{ me { member { id } } }');
    expect(await received(query, 1, 'a query on the same socket')).toEqual([
      { data: { me: null } },
    ]);
  });

  it('refuses a connection whose token is forged or malformed with 4403, and keeps serving', async () => {
    const member = await createMember(a);
    const forged = `${member.token.slice(0, -4)}AAAA`;
    for (const connectionParams of [
      { authorization: `Bearer ${forged}` },
      { authorization: 'garbage' },
      { token: 'not-a-jwt' },
    ]) {
      const refused = listen(clients.connect(a, undefined, { connectionParams }));
      const error = await eventually(() => Promise.resolve(refused.error), {
        what: 'the connection to be refused',
      });
      expect(error).toMatchObject({ code: CloseCode.Forbidden });
      expect(refused.results).toEqual([]);
    }

    const healthy = listen(connect(a, member.token), '{ me { member { id } } }');
    expect(await received(healthy, 1, 'a signed-in query')).toEqual([
      { data: { me: { member: { id: member.id } } } },
    ]);
    expect(expectData(await a.gql('{ me { member { id } } }', {}, member.token))).toEqual({
      me: { member: { id: member.id } },
    });
  });
});
