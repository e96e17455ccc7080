import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueEvents, type Queue } from 'bullmq';
import { EmailOutboxRepository } from '../src/notifications/email/email-outbox.repository.js';
import { EmailOutlet, type EmailMessage } from '../src/notifications/email/email-outlet.js';
import { QueueName } from '../src/queues/queue-name.js';
import { createWorker } from '../src/worker.factory.js';
import { insertMembers } from './helpers/bulk-members.js';
import { eventually } from './helpers/eventually.js';
import { expectData } from './helpers/expectations.js';
import { createEventWithRoles, joinEvent, uniqueSuffix } from './helpers/factories.js';
import { startSmtpServer, type TestSmtp } from './helpers/smtp.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('email notifications', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let worker: INestApplicationContext;
  let outlet: EmailOutlet;
  let outbox: EmailOutboxRepository;
  let queueEvents: QueueEvents;

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: (address) => address.startsWith('refuse-') });
    t = await startTestApp({ SMTP_URL: smtp.url });
    worker = await createWorker(t.config);
    outlet = worker.get(EmailOutlet);
    outbox = worker.get(EmailOutboxRepository);
    queueEvents = new QueueEvents(QueueName.Notifications, {
      connection: { url: t.config.redis.url },
      prefix: t.config.redis.queuePrefix,
    });
    await queueEvents.waitUntilReady();
  });
  afterAll(async () => {
    await queueEvents?.close();
    await worker?.close();
    await t?.close();
    await smtp?.close();
  });

  interface Row {
    id: string;
    memberId: string;
    email: string;
    displayName: string;
    title: string;
    body: string;
    deliveryKey: string;
  }

  /** One ANNOUNCEMENT notification each for `count` new members, inserted as the deliverer does. */
  async function notifications(count: number, title = 'News from #AlitaArmy'): Promise<Row[]> {
    const members = await insertMembers(t, count);
    const key = `test-${uniqueSuffix()}`;
    return t.sql<Row>(
      `WITH inserted AS (
         INSERT INTO notifications (member_id, kind, title, body, delivery_key)
         SELECT id, 'ANNOUNCEMENT', $2, 'Motorball night, ' || ordinality || '. Bring a friend.',
                $3 || '-' || id
           FROM unnest($1::uuid[]) WITH ORDINALITY AS member (id, ordinality)
         RETURNING id, member_id, title, body, delivery_key
       )
       SELECT i.id, i.member_id AS "memberId", m.email, m.display_name AS "displayName", i.title,
              i.body, i.delivery_key AS "deliveryKey"
         FROM inserted i JOIN members m ON m.id = i.member_id
        ORDER BY i.id`,
      [members.map((member) => member.id), title, key],
    );
  }

  const emailedAt = async (ids: string[]) =>
    (
      await t.sql<{ emailed_at: Date | null }>(
        'SELECT emailed_at FROM notifications WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).map((row) => row.emailed_at);

  const receivedFor = (id: string) =>
    smtp.messages.filter((message) => message.messageId === `<${id}@fanrally>`);

  it('sends each pending email once, to the member, with a Message-ID of its notification', async () => {
    const rows = await notifications(8, 'In 1 hour: Motorball — Iron City ✨');
    await t.sql(`UPDATE members SET display_name = 'Yoko "Gally" Ø' WHERE id = $1`, [
      rows[0].memberId,
    ]);
    const ids = rows.map((row) => row.id);

    const pending = await outbox.pendingEmails(rows.map((row) => row.deliveryKey));
    expect(pending).toHaveLength(8);
    const first = pending.find((message) => message.notificationId === rows[0].id);
    expect(first).toEqual<EmailMessage>({
      notificationId: rows[0].id,
      to: rows[0].email,
      displayName: 'Yoko "Gally" Ø',
      subject: rows[0].title,
      text: rows[0].body,
    });

    const sent = await outlet.send(pending);
    expect([...sent].sort()).toEqual([...ids].sort());
    expect((await outbox.markEmailed(sent)).sort()).toEqual([...ids].sort());

    for (const row of rows) {
      const received = receivedFor(row.id);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({
        to: [row.email],
        subject: 'In 1 hour: Motorball — Iron City ✨',
        text: row.body,
      });
      expect(received[0].fromHeader).toBe('FanRally <no-reply@fanrally.local>');
    }
    // The name travels as an RFC 2047 word, quotes and all.
    expect(receivedFor(rows[0].id)[0].toHeader).toBe(`Yoko "Gally" Ø <${rows[0].email}>`);

    // Emailed now: neither pending nor marked a second time.
    expect(await outbox.pendingEmails(rows.map((row) => row.deliveryKey))).toEqual([]);
    expect(await outbox.markEmailed(ids)).toEqual([]);
    expect((await emailedAt(ids)).every((at) => at instanceof Date)).toBe(true);
  });

  it('owes only the emails not sent yet, by delivery key', async () => {
    const rows = await notifications(3);
    await t.sql('UPDATE notifications SET emailed_at = now() WHERE id = $1', [rows[1].id]);
    const owed = [rows[0].id, rows[2].id].sort();

    const byKey = await outbox.pendingEmails([
      ...rows.map((row) => row.deliveryKey),
      'no-such-key',
    ]);
    expect(byKey.map((message) => message.notificationId).sort()).toEqual(owed);
    expect(await outbox.pendingEmails([])).toEqual([]);
    expect(await outbox.markEmailed([])).toEqual([]);
  });

  it('sends the others when the server refuses one recipient', async () => {
    const rows = await notifications(4);
    const refused = rows[2];
    await t.sql(`UPDATE members SET email = 'refuse-' || email WHERE id = $1`, [refused.memberId]);

    const sent = await outlet.send(await outbox.pendingEmails(rows.map((row) => row.deliveryKey)));
    const others = rows.filter((row) => row !== refused).map((row) => row.id);
    expect([...sent].sort()).toEqual([...others].sort());
    for (const id of others) expect(receivedFor(id)).toHaveLength(1);
    expect(receivedFor(refused.id)).toEqual([]);
  });

  it('answers [] while the server is down, marks nothing, and sends once it is back', async () => {
    const rows = await notifications(6);
    const ids = rows.map((row) => row.id);
    // The pool still holds connections to the server from the tests before.
    await smtp.close();

    const sent = await outlet.send(await outbox.pendingEmails(rows.map((row) => row.deliveryKey)));
    expect(sent).toEqual([]);
    expect(await outbox.markEmailed(sent)).toEqual([]);
    expect(await emailedAt(ids)).toEqual(ids.map(() => null));

    smtp = await startSmtpServer({ port: smtp.port });
    const retried = await outlet.send(
      await outbox.pendingEmails(rows.map((row) => row.deliveryKey)),
    );
    expect([...retried].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(receivedFor(id)).toHaveLength(1);
  });

  it('gives up on a server that never greets', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const stalled = new EmailOutlet(
      t.config.with({
        email: { ...t.config.email, smtpUrl: `smtp://127.0.0.1:${port}/?greetingTimeout=300` },
      }),
    );
    try {
      const sent = await stalled.send(
        await outbox.pendingEmails((await notifications(4)).map((row) => row.deliveryKey)),
      );
      expect(sent).toEqual([]);
    } finally {
      await stalled.onApplicationShutdown();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('is off without SMTP_URL', async () => {
    const off = await createWorker(t.config.with({ email: { ...t.config.email, smtpUrl: null } }));
    try {
      const rows = await notifications(2);
      const quiet = off.get(EmailOutlet);
      expect(quiet.enabled).toBe(false);
      expect(outlet.enabled).toBe(true);
      const received = smtp.messages.length;
      expect(
        await quiet.send(await outbox.pendingEmails(rows.map((row) => row.deliveryKey))),
      ).toEqual([]);
      expect(smtp.messages).toHaveLength(received);
    } finally {
      await off.close();
    }
  });

  it('emails each participant of an announcement once, even when the chunk is delivered again', async () => {
    const { campaign, event, organizer } = await createEventWithRoles(t, { capacity: 10 });
    const fans = await insertMembers(t, 3);
    for (const fan of fans) await joinEvent(t, fan, event.id);
    const { announce } = expectData(
      await t.gql(
        `mutation ($input: AnnounceInput!) { announce(input: $input) { id recipientCount } }`,
        { input: { campaignId: campaign.id, message: 'Meet at the gate at 7.' } },
        organizer.token,
      ),
    );
    const emailedAll = () =>
      eventually(
        async () => {
          const rows = await t.sql<{ id: string; emailed_at: Date | null }>(
            `SELECT id, emailed_at FROM notifications WHERE kind = 'ANNOUNCEMENT' AND campaign_id = $1`,
            [campaign.id],
          );
          return rows.length === 3 && rows.every((row) => row.emailed_at) ? rows : undefined;
        },
        { what: 'three emailed announcements' },
      );
    const rows = await emailedAll();
    for (const row of rows) expect(receivedFor(row.id)).toHaveLength(1);

    const notifications = worker.get<Queue>(getQueueToken(QueueName.Notifications));
    const again = await notifications.add(
      'deliver',
      {
        kind: 'ANNOUNCEMENT',
        key: `announce-${announce.id}`,
        announcementId: announce.id,
        campaignId: campaign.id,
        memberIds: fans.map((fan) => fan.id),
      },
      { jobId: `again-${announce.id}` },
    );
    expect(await again.waitUntilFinished(queueEvents)).toBe(0);
    expect(await emailedAll()).toHaveLength(3);
    for (const row of rows) expect(receivedFor(row.id)).toHaveLength(1);
  });
});
