import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { expectData, expectError } from './helpers/expectations.js';
import {
  createEventWithRoles,
  createMember,
  type TestEvent,
  type TestMember,
} from './helpers/factories.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './helpers/test-app.js';

const JOIN_EVENT = `mutation ($id: ID!) { joinEvent(eventId: $id) { status } }`;

/** A socket client with what it went through. */
interface Socket {
  client: Client;
  /** Set when the socket closed, with its close code. */
  closedWith?: number;
}

/** The ws implementation, sending X-Forwarded-For with the upgrade request when given. */
function webSocketFrom(
  forwardedFor?: string,
): new (url: string, protocols?: string | string[]) => WebSocket {
  if (!forwardedFor) return WebSocket;
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { 'x-forwarded-for': forwardedFor } });
    }
  };
}

/** Opens a graphql-ws client on `t`, signed in with `token`, as the client `forwardedFor`. */
function open(
  t: TestApp,
  sockets: Socket[],
  { token, forwardedFor }: { token?: string; forwardedFor?: string } = {},
): Socket {
  const socket: Socket = {} as Socket;
  socket.client = createClient({
    url: `${t.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: webSocketFrom(forwardedFor),
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => (socket.closedWith = (event as { code: number }).code) },
  });
  sockets.push(socket);
  return socket;
}

/** Runs one operation over the socket; resolves with its data, or its errors as over HTTP. */
const run = (socket: Socket, query: string, variables?: Record<string, unknown>) =>
  new Promise<GraphQLResponse>((resolve) => {
    let result: GraphQLResponse = { status: 200 };
    socket.client.subscribe(
      { query, variables },
      {
        next: (next) => (result = { status: 200, ...next } as GraphQLResponse),
        error: (errors) => resolve({ status: 200, errors: errors as GraphQLResponse['errors'] }),
        complete: () => resolve(result),
      },
    );
  });

/** The contract code of each response, 'OK' for data. */
const codesOf = (responses: GraphQLResponse[]) =>
  responses.map((response) => response.errors?.[0]?.extensions?.code ?? 'OK');

/** Runs `query` `count` times, one after another, over the socket. */
async function runTimes(socket: Socket, count: number, query = '{ __typename }') {
  const responses: GraphQLResponse[] = [];
  for (let i = 0; i < count; i++) responses.push(await run(socket, query));
  return responses;
}

/** Keys of this app's rate limits in Redis, with their counts. */
async function rateLimitCounts(redis: Redis, t: TestApp, policy: string) {
  const prefix = `${t.config.redis.queuePrefix}-rl-${policy}:`;
  const keys = await redis.keys(`${prefix}*`);
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key.slice(prefix.length)] = Number(await redis.get(key));
  return counts;
}

describe('operations per client and minute over websockets', () => {
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const env = { RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '3' };
    a = await startTestApp(env);
    b = await startTestApp(env, { replicaOf: a });
    redis = new Redis(a.config.redis.url);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) await socket.client.dispose();
    await redis.del(`${a.config.redis.queuePrefix}-rl-ws-operations:127.0.0.1`);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    redis?.disconnect();
  });

  it('refuses the operation past the budget with RATE_LIMITED and a retry hint, and keeps the socket', async () => {
    const socket = open(a, sockets);
    const responses = await runTimes(socket, 4);
    expect(codesOf(responses)).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    expect(responses[0].data).toEqual({ __typename: 'Query' });
    expectError(responses[3], 'RATE_LIMITED');
    const retryAfter = responses[3].errors?.[0].extensions?.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(codesOf(await runTimes(socket, 1))).toEqual(['RATE_LIMITED']);

    // The count is this client's, under its address, in Redis; when its window ends (the key
    // expires), the same socket runs operations again.
    expect(await rateLimitCounts(redis, a, 'ws-operations')).toEqual({ '127.0.0.1': 5 });
    const ttl = await redis.pttl(`${a.config.redis.queuePrefix}-rl-ws-operations:127.0.0.1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await redis.del(`${a.config.redis.queuePrefix}-rl-ws-operations:127.0.0.1`);
    expect(await run(socket, '{ __typename }')).toEqual({
      status: 200,
      data: { __typename: 'Query' },
    });
    expect(socket.closedWith).toBeUndefined();
  });

  it('refuses a subscription past the budget before it starts', async () => {
    const member = await createMember(a);
    const socket = open(a, sockets, { token: member.token });
    await runTimes(socket, 3);
    const refused = await run(socket, 'subscription { notificationAdded { id } }');
    expectError(refused, 'RATE_LIMITED');
    expect(socket.closedWith).toBeUndefined();
  });

  it('counts every socket of one client, on every API replica, in one budget', async () => {
    const onA = open(a, sockets);
    const alsoOnA = open(a, sockets);
    const onB = open(b, sockets);
    expect(codesOf(await runTimes(onA, 1))).toEqual(['OK']);
    expect(codesOf(await runTimes(alsoOnA, 1))).toEqual(['OK']);
    expect(codesOf(await runTimes(onB, 2))).toEqual(['OK', 'RATE_LIMITED']);
    expect(codesOf(await runTimes(onA, 1))).toEqual(['RATE_LIMITED']);
  });

  it('ignores X-Forwarded-For when TRUST_PROXY is off', async () => {
    const socket = open(a, sockets, { forwardedFor: '203.0.113.9' });
    await runTimes(socket, 2);
    expect(await rateLimitCounts(redis, a, 'ws-operations')).toEqual({ '127.0.0.1': 2 });
  });
});

describe('rate limits of mutations over websockets, behind a trusted proxy', () => {
  let t: TestApp;
  let redis: Redis;
  let event: TestEvent;
  let fans: TestMember[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      RATE_LIMIT_JOIN_PER_MINUTE: '3',
      RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '100',
    });
    redis = new Redis(t.config.redis.url);
    ({ event } = await createEventWithRoles(t, { capacity: 20 }));
    fans = [];
    for (let i = 0; i < 6; i++) fans.push(await createMember(t));
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.client.dispose();
    await t?.close();
    redis?.disconnect();
  });

  /** joinEvent over HTTP, as the client `forwardedFor`. */
  async function joinOverHttp(fan: TestMember, forwardedFor: string): Promise<GraphQLResponse> {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${fan.token}`,
        'x-forwarded-for': forwardedFor,
      },
      body: JSON.stringify({ query: JOIN_EVENT, variables: { id: event.id } }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  }

  const participantsOf = async (members: TestMember[]) =>
    (
      await t.sql<{ member_id: string }>(
        'SELECT member_id FROM participations WHERE event_id = $1 AND member_id = ANY($2)',
        [event.id, members.map((member) => member.id)],
      )
    ).map((row) => row.member_id);

  it('counts joinEvent over websockets and over HTTP in one join budget per client', async () => {
    const client = '203.0.113.7';
    const [first, second, third, fourth] = fans;
    expectData(await joinOverHttp(first, client));
    const socket = open(t, sockets, { token: second.token, forwardedFor: client });
    expect(expectData(await run(socket, JOIN_EVENT, { id: event.id }))).toEqual({
      joinEvent: { status: 'GOING' },
    });
    const thirdSocket = open(t, sockets, { token: third.token, forwardedFor: client });
    expectData(await run(thirdSocket, JOIN_EVENT, { id: event.id }));

    const refused = await run(socket, JOIN_EVENT, { id: event.id });
    expectError(refused, 'RATE_LIMITED');
    expect(refused.errors?.[0].path).toEqual(['joinEvent']);
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expectError(await joinOverHttp(fourth, client), 'RATE_LIMITED');
    expect((await participantsOf([first, second, third, fourth])).sort()).toEqual(
      [first.id, second.id, third.id].sort(),
    );

    // The refusal ends that operation only: the socket still answers.
    expect(await run(socket, '{ __typename }')).toMatchObject({ data: { __typename: 'Query' } });
    expect(socket.closedWith).toBeUndefined();
    expect((await rateLimitCounts(redis, t, 'join'))[client]).toBe(5);
  });

  it("leaves other clients' budgets alone", async () => {
    const [, , , , fifth, sixth] = fans;
    const exhausted = open(t, sockets, { token: fifth.token, forwardedFor: '203.0.113.7' });
    expectError(await run(exhausted, JOIN_EVENT, { id: event.id }), 'RATE_LIMITED');

    const other = open(t, sockets, { token: sixth.token, forwardedFor: '198.51.100.4' });
    expect(expectData(await run(other, JOIN_EVENT, { id: event.id }))).toEqual({
      joinEvent: { status: 'GOING' },
    });
    const counts = await rateLimitCounts(redis, t, 'join');
    expect(counts['198.51.100.4']).toBe(1);
    expect(counts).not.toHaveProperty('unknown');
    expect(await rateLimitCounts(redis, t, 'ws-operations')).toMatchObject({
      '203.0.113.7': 5,
      '198.51.100.4': 1,
    });
  });
});
