import { expectData, expectError } from './helpers/expectations.js';
import { createEventWithRoles, joinEvent, type TestMember } from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

/** Every connection of the schema: its field, the object it hangs on, and who reads it. */
const CONNECTIONS: Record<string, { field: string; parent?: string; viewer: 'owner' | 'member' }> =
  {
    'Query.communities': { field: 'communities', viewer: 'owner' },
    'Query.events': { field: 'events', viewer: 'owner' },
    'Campaign.events': { field: 'events', parent: 'campaign(id: $campaignId)', viewer: 'owner' },
    'Campaign.posts': { field: 'posts', parent: 'campaign(id: $campaignId)', viewer: 'owner' },
    'Community.campaigns': {
      field: 'campaigns',
      parent: 'community(slug: $slug)',
      viewer: 'owner',
    },
    'Community.members': { field: 'members', parent: 'community(slug: $slug)', viewer: 'owner' },
    'Event.participants': { field: 'participants', parent: 'event(id: $eventId)', viewer: 'owner' },
    'Viewer.notifications': { field: 'notifications', parent: 'me', viewer: 'member' },
    'Viewer.participations': { field: 'participations', parent: 'me', viewer: 'member' },
  };

const VARIABLE_TYPES: Record<string, string> = {
  campaignId: 'ID!',
  slug: 'String!',
  eventId: 'ID!',
};

interface Connection {
  pageInfo: { endCursor: string | null };
}

const unsigned = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Cursors a client could make up: wrong shapes, and right shapes without this app's MAC. */
const CRAFTED: Record<string, string> = {
  'two strings': 'WyJ4IiwieSJd',
  'an instant and an id': unsigned(['2027-01-01T00:00:00.000Z', SOME_ID]),
  'a name and an id': unsigned(['a', SOME_ID]),
  'an instant and an id, with a made-up MAC': `${unsigned(['2027-01-01T00:00:00.000Z', SOME_ID])}.AAAAAAAAAAAAAAAAAAAAAA`,
  'not base64': '!!',
};

describe('cursors', () => {
  let t: TestApp;
  let viewers: Record<'owner' | 'member', TestMember>;
  let variables: Record<string, string>;

  const read = (name: string, after: string) => {
    const { field, parent, viewer } = CONNECTIONS[name];
    const page = `connection: ${field}(first: 1, after: $after) { pageInfo { endCursor } }`;
    const used = Object.keys(VARIABLE_TYPES).filter((key) => parent?.includes(`$${key}`));
    const declared = ['$after: String', ...used.map((key) => `$${key}: ${VARIABLE_TYPES[key]}`)];
    return t.gql<{ parent?: { connection?: Connection }; connection?: Connection }>(
      `query (${declared.join(', ')}) { ${parent ? `parent: ${parent} { ${page} }` : page} }`,
      { ...Object.fromEntries(used.map((key) => [key, variables[key]])), after },
      viewers[viewer].token,
    );
  };

  const endCursorOf = async (name: string): Promise<string> => {
    const data = expectData(await read(name, ''));
    const cursor = (data.parent ?? data).connection?.pageInfo.endCursor;
    if (!cursor) throw new Error(`${name} listed nothing`);
    return cursor;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const { owner, member, community, campaign, event } = await createEventWithRoles(t);
    await joinEvent(t, member, event.id);
    viewers = { owner, member };
    variables = { campaignId: campaign.id, slug: community.slug, eventId: event.id };
  });

  afterAll(() => t?.close());

  describe.each(Object.keys(CONNECTIONS))('%s', (name) => {
    it.each(Object.entries(CRAFTED))(
      'refuses a crafted cursor (%s) with BAD_USER_INPUT naming after',
      async (_, cursor) => {
        expectError(await read(name, cursor), 'BAD_USER_INPUT', ['after']);
      },
    );
  });

  it.each([
    'Query.communities',
    'Query.events',
    'Campaign.events',
    'Community.campaigns',
    'Community.members',
    'Event.participants',
    'Viewer.participations',
  ])('%s takes the cursors it issued, and no other list sorted otherwise', async (name) => {
    const own = await endCursorOf(name);
    expectData(await read(name, own));
    const other = name === 'Query.communities' ? 'Community.members' : 'Query.communities';
    expectError(await read(name, await endCursorOf(other)), 'BAD_USER_INPUT', ['after']);
    const [body, mac] = own.split('.');
    const values = JSON.parse(Buffer.from(body, 'base64url').toString()) as unknown[];
    const tampered = `${unsigned([...values.slice(0, -1), SOME_ID])}.${mac}`;
    expectError(await read(name, tampered), 'BAD_USER_INPUT', ['after']);
  });
});
