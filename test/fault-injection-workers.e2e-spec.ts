import { QueueName } from '../src/queues/queue-name.js';
import { insertMembers, insertParticipations } from './helpers/bulk-members.js';
import {
  dispatched,
  emailsPerRecipient,
  eventRemindingAt,
  notificationsSettled,
  onceEach,
  queueOf,
  remindersOf,
  remindingCampaign,
  tally,
} from './helpers/due-reminders.js';
import { eventually } from './helpers/eventually.js';
import { exitWithin, isolatedStack } from './helpers/processes.js';
import { startSmtpServer, type TestSmtp } from './helpers/smtp.js';
import type { TestApp } from './helpers/test-app.js';

/** Time to set the participants up before the reminder is due. */
const LEAD_MS = 3000;
/** The bound the issue sets on a worker's exit after SIGTERM. */
const SIGTERM_EXIT_MS = 10_000;

/**
 * Worker processes that die: killed with SIGKILL in the middle of a fan-out, or stopped with
 * SIGTERM with jobs in flight. The file runs its own redis-server and worker children.
 */
describe('fault injection: workers that die', () => {
  const stack = isolatedStack();
  let t: TestApp;
  const smtpServers = new Set<TestSmtp>();

  beforeAll(() => ({ t } = stack));
  afterEach(async () => {
    await Promise.all([...smtpServers].map((smtp) => smtp.close()));
    smtpServers.clear();
  });

  /** A local SMTP server this test owns. */
  async function smtpServer(options: { acceptAfterMs?: number } = {}): Promise<TestSmtp> {
    const smtp = await startSmtpServer(options);
    smtpServers.add(smtp);
    return smtp;
  }

  /** A worker child on this file's database, Redis and prefix, emailing through `smtp`. */
  const worker = (smtp: TestSmtp) => stack.worker({ SMTP_URL: smtp.url });

  /** `count` members going to an event whose reminder is due in LEAD_MS. */
  async function reminderToParticipants(count: number) {
    const { organizer, campaign } = await remindingCampaign(t);
    const members = await insertMembers(t, count);
    const reminder = await eventRemindingAt(t, organizer, campaign, Date.now() + LEAD_MS);
    const memberIds = members.map((member) => member.id);
    await insertParticipations(t, reminder.eventId, memberIds);
    const addresses = (
      await t.sql<{ email: string }>('SELECT email FROM members WHERE id = ANY($1::uuid[])', [
        memberIds,
      ])
    ).map((row) => row.email);
    return { reminder, memberIds, addresses };
  }

  /**
   * The emails to the participants (the campaign going live emails its community's members
   * too).
   */
  function remindersReceived(smtp: TestSmtp, addresses: string[]) {
    const participants = new Set(addresses);
    return smtp.messages.filter((message) => message.to.some((to) => participants.has(to)));
  }

  /** Waits until the participants received at least `count` emails. */
  const receivedAtLeast = (smtp: TestSmtp, addresses: string[], count: number) =>
    eventually(
      () => Promise.resolve(remindersReceived(smtp, addresses).length >= count || undefined),
      { deadlineMs: 60_000, what: `${count} reminder emails` },
    );

  /** How many reminders of the event exist, and how many of them were emailed. */
  async function progress(eventId: string) {
    const rows = await remindersOf(t, eventId);
    return { stored: rows.length, emailed: rows.filter((row) => row.emailed).length };
  }

  /** Every participant has one reminder, one email, and nothing is left to run. */
  async function expectOnceEach(
    smtp: TestSmtp,
    eventId: string,
    memberIds: string[],
    addresses: string[],
  ) {
    await eventually(
      async () => {
        const { stored, emailed } = await progress(eventId);
        return stored === memberIds.length && emailed === memberIds.length ? true : undefined;
      },
      { deadlineMs: 90_000, what: 'every participant to be reminded and emailed' },
    );
    await notificationsSettled(t);
    const rows = await remindersOf(t, eventId);
    expect(tally(rows.map((row) => row.member_id))).toEqual(onceEach(memberIds));
    expect(emailsPerRecipient(remindersReceived(smtp, addresses))).toEqual(onceEach(addresses));
  }

  it('a worker killed (SIGKILL) mid fan-out to 5,000: the next one finishes it, once each', async () => {
    const participants = 5000;
    const smtp = await smtpServer();
    const first = await worker(smtp);
    const { reminder, memberIds, addresses } = await reminderToParticipants(participants);

    // Mid-dispatch: 1,000 emails accepted, then the server stalls before its next replies.
    await receivedAtLeast(smtp, addresses, 1000);
    smtp.hold();
    // Kill it once every accepted email is marked sent and the next ones wait for the server:
    // a kill between the server's acceptance and the mark would resend that one email.
    const before = await eventually(
      async () => {
        const now = await progress(reminder.eventId);
        const received = remindersReceived(smtp, addresses).length;
        return smtp.held() > 0 && now.emailed === received ? now : undefined;
      },
      { what: 'the accepted emails to be marked sent' },
    );
    expect(before.stored).toBeGreaterThan(0);
    expect(before.stored).toBeLessThan(participants);
    expect(await first.signal('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    smtp.release();

    await worker(smtp);
    expect(await dispatched(t, reminder.jobId)).toBe(participants);
    await expectOnceEach(smtp, reminder.eventId, memberIds, addresses);
  }, 150_000);

  it('a worker stopped (SIGTERM) with jobs in flight exits within 10 s, and nothing is sent twice', async () => {
    const participants = 1000;
    const smtp = await smtpServer({ acceptAfterMs: 5 });
    const first = await worker(smtp);
    const { reminder, memberIds, addresses } = await reminderToParticipants(participants);
    const notifications = queueOf(t, QueueName.Notifications);

    await receivedAtLeast(smtp, addresses, 100);
    expect(await notifications.getActiveCount()).toBeGreaterThan(0);
    first.child.kill('SIGTERM');
    const exit = await exitWithin(first.child, SIGTERM_EXIT_MS);
    // Nest re-raises the signal once its shutdown hooks have run.
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(first.output()).not.toMatch(/"level":(50|60)/);
    // Finished or released: no job is left locked by the dead worker.
    expect(await notifications.getActiveCount()).toBe(0);
    expect((await progress(reminder.eventId)).emailed).toBeLessThan(participants);

    await worker(smtp);
    await expectOnceEach(smtp, reminder.eventId, memberIds, addresses);
  }, 120_000);
});
