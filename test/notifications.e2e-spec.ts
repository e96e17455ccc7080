import { randomUUID } from 'node:crypto';
import { insertMembers, type BulkMember } from './helpers/bulk-members.js';
import { expectData, expectError } from './helpers/expectations.js';
import { createEventWithRoles, type TestCampaign, type TestEvent } from './helpers/factories.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './helpers/test-app.js';

const NOTIFICATIONS = `query ($unreadOnly: Boolean, $first: Int, $after: String) {
  me {
    unreadNotificationCount
    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind title body createdAt readAt } }
    }
  }
}`;
const UNREAD = `{ me { unreadNotificationCount } }`;
const MARK = `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;

interface NotificationPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

interface NotificationRow {
  kind?: string;
  title?: string;
  campaignId?: string | null;
  eventId?: string | null;
  /** Minutes before now. */
  ago?: number;
  read?: boolean;
}

describe('notifications', () => {
  let t: TestApp;
  let campaign: TestCampaign;
  let event: TestEvent;
  let keys = 0;

  beforeAll(async () => {
    t = await startTestApp();
    ({ campaign, event } = await createEventWithRoles(t));
  });
  afterAll(() => t.close());

  /** Writes a notification row as the workers would; returns its id. */
  async function notify(member: BulkMember, row: NotificationRow = {}): Promise<string> {
    const [{ id }] = await t.sql<{ id: string }>(
      `INSERT INTO notifications
         (member_id, kind, title, body, campaign_id, event_id, delivery_key, created_at, read_at)
       VALUES ($1, $2, $3, 'Doors open at 7 pm.', $4, $5, $6,
               now() - make_interval(mins => $7::int),
               CASE WHEN $8::boolean THEN now() END)
       RETURNING id`,
      [
        member.id,
        row.kind ?? 'ANNOUNCEMENT',
        row.title ?? 'Screening tonight',
        row.campaignId ?? null,
        row.eventId ?? null,
        `test:${++keys}:${randomUUID()}`,
        row.ago ?? 0,
        row.read ?? false,
      ],
    );
    return id;
  }

  async function readAtOf(ids: string[]): Promise<(Date | null)[]> {
    const rows = await t.sql<{ id: string; read_at: Date | null }>(
      'SELECT id, read_at FROM notifications WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.id, row.read_at]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  it('lists the viewer’s own notifications newest first, a page at a time', async () => {
    const [fan, other] = await insertMembers(t, 2);
    const oldest = await notify(fan, { ago: 50, title: 'Oldest' });
    const tiedA = await notify(fan, { ago: 30 });
    const tiedB = await notify(fan, { ago: 30 });
    // Rows created in the same instant: the higher id comes first.
    await t.sql(
      `UPDATE notifications SET created_at = (SELECT created_at FROM notifications WHERE id = $1)
        WHERE id = $2`,
      [tiedA, tiedB],
    );
    const newest = await notify(fan, { ago: 1, kind: 'EVENT_CHANGED', title: 'Newest' });
    const middle = await notify(fan, { ago: 40 });
    await notify(other, { ago: 0 });
    const tied = [tiedA, tiedB].sort().reverse();
    const expected = [newest, ...tied, middle, oldest];

    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const response: GraphQLResponse<{ me: { notifications: NotificationPage } }> = await t.gql(
        NOTIFICATIONS,
        { first: 2, after },
        fan.token,
      );
      const { notifications }: { notifications: NotificationPage } = expectData(response).me;
      expect(notifications.totalCount).toBe(5);
      expect(notifications.edges).toHaveLength(page < 2 ? 2 : 1);
      expect(notifications.pageInfo.hasNextPage).toBe(page < 2);
      seen.push(...notifications.edges.map((edge) => edge.node.id));
      after = notifications.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const { me } = expectData(await t.gql(NOTIFICATIONS, { first: 1 }, fan.token));
    expect(me.notifications.edges[0].node).toEqual({
      id: newest,
      kind: 'EVENT_CHANGED',
      title: 'Newest',
      body: 'Doors open at 7 pm.',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      readAt: null,
    });
  });

  it('lists 20 by default and refuses a page size or cursor out of range', async () => {
    const [fan] = await insertMembers(t, 1);
    for (let i = 0; i < 21; i++) await notify(fan, { ago: i });
    const { me } = expectData(await t.gql(NOTIFICATIONS, {}, fan.token));
    expect(me.notifications.edges).toHaveLength(20);
    expect(me.notifications).toMatchObject({ totalCount: 21, pageInfo: { hasNextPage: true } });
    expectError(await t.gql(NOTIFICATIONS, { first: 101 }, fan.token), 'BAD_USER_INPUT', ['first']);
    expectError(await t.gql(NOTIFICATIONS, { after: 'nope' }, fan.token), 'BAD_USER_INPUT', [
      'after',
    ]);
  });

  it('lists only unread ones with unreadOnly, and counts them', async () => {
    const [fan, other] = await insertMembers(t, 2);
    const unreadOld = await notify(fan, { ago: 20 });
    await notify(fan, { ago: 10, read: true });
    const unreadNew = await notify(fan, { ago: 5 });
    await notify(other, {});

    const { me: all } = expectData(await t.gql(NOTIFICATIONS, {}, fan.token));
    expect(all.notifications.totalCount).toBe(3);
    expect(all.notifications.edges[1].node.readAt).toEqual(expect.any(String));
    expect(all.unreadNotificationCount).toBe(2);

    const { me: unread } = expectData(await t.gql(NOTIFICATIONS, { unreadOnly: true }, fan.token));
    expect(unread.notifications.totalCount).toBe(2);
    expect(
      unread.notifications.edges.map((edge: { node: { id: string } }) => edge.node.id),
    ).toEqual([unreadNew, unreadOld]);

    const [quiet] = await insertMembers(t, 1);
    const { me: none } = expectData(await t.gql(NOTIFICATIONS, {}, quiet.token));
    expect(none).toEqual({
      unreadNotificationCount: 0,
      notifications: {
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      },
    });
  });

  it('marks read only what was unread and the viewer’s own, ignoring malformed ids', async () => {
    const [fan, other] = await insertMembers(t, 2);
    const a = await notify(fan, { ago: 3 });
    const b = await notify(fan, { ago: 2 });
    const c = await notify(fan, { ago: 1 });
    const alreadyRead = await notify(fan, { read: true });
    const [{ read_at: readBefore }] = await t.sql<{ read_at: Date }>(
      'SELECT read_at FROM notifications WHERE id = $1',
      [alreadyRead],
    );
    const theirs = await notify(other, {});

    const ids = [a, b, alreadyRead, theirs, 'not-an-id', randomUUID(), a];
    expect(expectData(await t.gql(MARK, { ids }, fan.token)).markNotificationsRead).toBe(2);
    expect(expectData(await t.gql(MARK, { ids }, fan.token)).markNotificationsRead).toBe(0);

    const [readA, readB, readC, stillRead, theirsRead] = await readAtOf([
      a,
      b,
      c,
      alreadyRead,
      theirs,
    ]);
    expect(readA).toBeInstanceOf(Date);
    expect(readB).toBeInstanceOf(Date);
    expect(readC).toBeNull();
    expect(stillRead).toEqual(readBefore);
    expect(theirsRead).toBeNull();

    expect(expectData(await t.gql(UNREAD, {}, fan.token)).me.unreadNotificationCount).toBe(1);
    expect(expectData(await t.gql(UNREAD, {}, other.token)).me.unreadNotificationCount).toBe(1);
    const { me } = expectData(await t.gql(NOTIFICATIONS, { unreadOnly: true }, fan.token));
    expect(me.notifications.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([
      c,
    ]);
  });

  it('marks nothing for an empty list and refuses more than 500 ids', async () => {
    const [fan] = await insertMembers(t, 1);
    const id = await notify(fan, {});
    expect(expectData(await t.gql(MARK, { ids: [] }, fan.token)).markNotificationsRead).toBe(0);
    const tooMany = [id, ...Array.from({ length: 500 }, () => randomUUID())];
    expectError(await t.gql(MARK, { ids: tooMany }, fan.token), 'BAD_USER_INPUT', ['ids']);
    expect(await readAtOf([id])).toEqual([null]);
    const justEnough = tooMany.slice(0, 500);
    expect(
      expectData(await t.gql(MARK, { ids: justEnough }, fan.token)).markNotificationsRead,
    ).toBe(1);
  });

  it('resolves the campaign and event a notification is about, null when it has none', async () => {
    const [fan] = await insertMembers(t, 1);
    const both = await notify(fan, {
      ago: 3,
      kind: 'EVENT_REMINDER',
      campaignId: campaign.id,
      eventId: event.id,
    });
    const campaignOnly = await notify(fan, {
      ago: 2,
      kind: 'CAMPAIGN_LIVE',
      campaignId: campaign.id,
    });
    const neither = await notify(fan, { ago: 1 });
    const { me } = expectData(
      await t.gql(
        `{ me { notifications { edges { node {
          id kind campaign { id title } event { id campaign { id } }
        } } } } }`,
        {},
        fan.token,
      ),
    );
    const title = 'Alita anniversary screenings';
    expect(me.notifications.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { id: neither, kind: 'ANNOUNCEMENT', campaign: null, event: null },
      {
        id: campaignOnly,
        kind: 'CAMPAIGN_LIVE',
        campaign: { id: campaign.id, title },
        event: null,
      },
      {
        id: both,
        kind: 'EVENT_REMINDER',
        campaign: { id: campaign.id, title },
        event: { id: event.id, campaign: { id: campaign.id } },
      },
    ]);
  });

  it('is for the signed-in only', async () => {
    const [fan] = await insertMembers(t, 1);
    const id = await notify(fan, {});
    expectError(await t.gql(MARK, { ids: [id] }), 'UNAUTHENTICATED');
    expect(expectData(await t.gql(NOTIFICATIONS, {})).me).toBeNull();
    expect(await readAtOf([id])).toEqual([null]);
  });
});
