import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../src/queues/queue-name.js';
import { insertMembers } from './helpers/bulk-members.js';
import { finished, notificationsSettled, onceEach, tally } from './helpers/due-reminders.js';
import { eventually } from './helpers/eventually.js';
import { expectData, expectError } from './helpers/expectations.js';
import {
  createCampaign,
  createCommunityWithRoles,
  createEvent,
  createEventWithRoles,
  inHours,
  joinEvent,
} from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const ANNOUNCE = `mutation ($input: AnnounceInput!) {
  announce(input: $input) { id message recipientCount author { id } campaign { id } }
}`;

describe('campaign lifecycle and announcements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { workers: true });
  });
  afterAll(() => t.close());

  const statusOf = async (table: 'campaigns' | 'events', id: string) =>
    (await t.sql<{ status: string }>(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0].status;

  const notified = (kind: string, campaignId: string) =>
    t.sql<{ member_id: string; title: string; body: string }>(
      `SELECT member_id, title, body FROM notifications WHERE campaign_id = $1 AND kind = $2`,
      [campaignId, kind],
    );

  const becomes = (table: 'campaigns' | 'events', id: string, status: string) =>
    eventually(async () => ((await statusOf(table, id)) === status ? true : undefined), {
      what: `${table} ${id} to become ${status}`,
    });

  it('goes LIVE at its start, telling the community once, and ENDS at its end with its events', async () => {
    const roles = await createCommunityWithRoles(t);
    const start = new Date(Date.now() + 2000);
    const end = new Date(Date.now() + 6000);
    const campaign = await createCampaign(t, roles.organizer, roles.community.id, {
      publish: false,
      kind: 'HASHTAG_PUSH',
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
    });
    const event = await createEvent(t, roles.organizer, campaign.id, {
      kind: 'HASHTAG_PUSH',
      capacity: null,
      venue: null,
      onlineUrl: 'https://x.com/hashtag/AlitaArmy',
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
    });
    expectData(
      await t.gql(
        `mutation ($id: ID!) { publishCampaign(id: $id) { status } }`,
        { id: campaign.id },
        roles.organizer.token,
      ),
    );
    expect(await statusOf('campaigns', campaign.id)).toBe('SCHEDULED');

    await becomes('campaigns', campaign.id, 'LIVE');
    const liveJob = `live-${campaign.id}-${new Date(campaign.startsAt).getTime()}`;
    expect(await finished(t, QueueName.Lifecycle, liveJob)).toBe(true);
    await notificationsSettled(t);
    const told = await notified('CAMPAIGN_LIVE', campaign.id);
    expect(tally(told.map((row) => row.member_id))).toEqual(
      onceEach([roles.owner.id, roles.organizer.id, roles.member.id]),
    );
    expect(told[0].title).toMatch(/^Live now: /);

    await becomes('campaigns', campaign.id, 'ENDED');
    await becomes('events', event.id, 'ENDED');
  });

  it('leaves a moved campaign for its new dates', async () => {
    const roles = await createCommunityWithRoles(t);
    const campaign = await createCampaign(t, roles.organizer, roles.community.id, {
      startsAt: new Date(Date.now() + 2000).toISOString(),
    });
    const { updateCampaign: movedTo } = expectData(
      await t.gql(
        `mutation ($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { startsAt } }`,
        { id: campaign.id, input: { startsAt: inHours(5) } },
        roles.organizer.token,
      ),
    );
    const lifecycle = t.app.get<Queue>(getQueueToken(QueueName.Lifecycle));
    const oldStart = `live-${campaign.id}-${new Date(campaign.startsAt).getTime()}`;
    expect(await finished(t, QueueName.Lifecycle, oldStart)).toBe(false);
    expect(await statusOf('campaigns', campaign.id)).toBe('SCHEDULED');
    expect(
      await lifecycle.getJob(`live-${campaign.id}-${new Date(movedTo.startsAt).getTime()}`),
    ).toBeDefined();
  });

  it('delivers an announcement to each distinct participant once, with an exact count', async () => {
    const { campaign, event, organizer, member } = await createEventWithRoles(t, { capacity: 2 });
    const second = await createEvent(t, organizer, campaign.id, {
      startsAt: inHours(72),
      endsAt: inHours(75),
    });
    const [a, b, waiting] = await insertMembers(t, 3);
    await joinEvent(t, a, event.id);
    await joinEvent(t, b, event.id);
    await joinEvent(t, waiting, event.id);
    await joinEvent(t, a, second.id);
    const { announce } = expectData(
      await t.gql(
        ANNOUNCE,
        { input: { campaignId: campaign.id, message: '  Bring your own Motorball gear!  ' } },
        organizer.token,
      ),
    );
    expect(announce).toMatchObject({
      message: 'Bring your own Motorball gear!',
      recipientCount: 2,
      author: { id: organizer.id },
      campaign: { id: campaign.id },
    });
    await notificationsSettled(t);
    const told = await notified('ANNOUNCEMENT', campaign.id);
    expect(tally(told.map((row) => row.member_id))).toEqual(onceEach([a.id, b.id]));
    expect(told[0].body).toBe('Bring your own Motorball gear!');

    expectError(
      await t.gql(ANNOUNCE, { input: { campaignId: campaign.id, message: 'Hi' } }, member.token),
      'FORBIDDEN',
    );
    expectError(
      await t.gql(ANNOUNCE, { input: { campaignId: campaign.id, message: ' ' } }, organizer.token),
      'BAD_USER_INPUT',
      ['message'],
    );
  });
});
