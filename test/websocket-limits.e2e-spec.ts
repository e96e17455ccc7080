import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually } from './helpers/eventually.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

interface WsError {
  message: string;
  extensions?: { code?: string; fields?: string[] };
}

describe('document limits over websockets', () => {
  let t: TestApp;
  let client: Client;

  beforeAll(async () => {
    t = await startTestApp();
    client = createClient({
      url: `${t.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
  });
  afterAll(async () => {
    await client.dispose();
    await t.close();
  });

  /** Runs one operation over the socket; resolves with its data, its errors or both. */
  const run = (query: string, variables?: Record<string, unknown>) =>
    new Promise<{ data?: unknown; errors?: WsError[] }>((resolve) => {
      let answer: { data?: unknown; errors?: WsError[] } = {};
      client.subscribe(
        { query, variables },
        {
          next: (result) => (answer = { data: result.data, errors: result.errors as WsError[] }),
          error: (errors) => resolve({ errors: errors as WsError[] }),
          complete: () => resolve(answer),
        },
      );
    });

  const messages = (result: { errors?: WsError[] }) =>
    result.errors?.map((error) => error.message).join(' ');

  const codes = (result: { errors?: WsError[] }) => [
    ...new Set(result.errors?.map((error) => error.extensions?.code)),
  ];

  it('refuses a document 50 levels deep with QUERY_TOO_COMPLEX', async () => {
    const nested = (depth: number): string =>
      depth === 0
        ? 'member { handle }'
        : `community { members { edges { node { ${nested(depth - 1)} } } } }`;
    expect(codes(await run(`{ me { memberships { ${nested(12)} } } }`))).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
  });

  it('refuses too many tokens and too many aliases with QUERY_TOO_COMPLEX', async () => {
    expect(codes(await run(`{ ${'__typename '.repeat(5000)} }`))).toEqual(['QUERY_TOO_COMPLEX']);
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { email }`).join(' ');
    expect(codes(await run(`{ ${aliases} }`))).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('weighs page sizes given by variables, as over HTTP', async () => {
    const query = `query ($e: ID!, $n: Int) { event(id: $e) { participants(first: $n) { edges {
      node { event { participants(first: $n) { edges { node { event {
        participants(first: $n) { totalCount } } } } } } } } } } }`;
    const e = '00000000-0000-4000-8000-000000000000';
    expect(codes(await run(query, { e, n: 30 }))).toEqual(['QUERY_TOO_COMPLEX']);
    expect(codes(await run(query, { e, n: 2 }))).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('answers a malformed or unknown field with BAD_USER_INPUT, and keeps the socket', async () => {
    expect(codes(await run(`{ me { `))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await run(`{ me { emial } }`))).toEqual(['BAD_USER_INPUT']);
    expect(await run(`{ __typename }`)).toEqual({ data: { __typename: 'Query' } });
  });

  it('suggests no field or enum value, as over HTTP', async () => {
    const field = await run(`{ me { emial } }`);
    const literal = await run(`{ community(slug: "x") { members(role: OWNR) { totalCount } } }`);
    const variable = await run(
      `query ($r: CommunityRole) { community(slug: "x") { members(role: $r) { totalCount } } }`,
      { r: 'OWNR' },
    );
    for (const result of [field, literal, variable]) {
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(messages(result)).not.toMatch(/Did you mean|email|OWNER/);
    }
  });

  it('refuses a NUL in a string input, as over HTTP', async () => {
    const byVariable = await run(`query ($s: String!) { community(slug: $s) { id } }`, {
      s: 'a\u0000b',
    });
    const literal = await run(`{ community(slug: "a\\u0000b") { id } }`);
    expect([byVariable, literal].map((result) => result.errors?.[0].extensions)).toEqual([
      { code: 'BAD_USER_INPUT', fields: ['s'] },
      { code: 'BAD_USER_INPUT', fields: ['slug'] },
    ]);
  });

  it('answers a variable that does not coerce with BAD_USER_INPUT naming it', async () => {
    const result = await run(`query ($s: String!) { community(slug: $s) { id } }`, { s: 42 });
    expect(result.errors?.map((error) => error.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', fields: ['s'] },
    ]);
  });

  it('closes the socket with 1009 on a message over the HTTP body limit, reads one under it', async () => {
    const socket = new WebSocket(`${t.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const messages: { id?: string; type: string }[] = [];
    socket.on('message', (data) =>
      messages.push(JSON.parse((data as Buffer).toString('utf8')) as { type: string }),
    );
    let closedWith: number | undefined;
    socket.on('close', (code) => (closedWith = code));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    const subscribe = (id: string, padding: number) =>
      socket.send(
        JSON.stringify({
          id,
          type: 'subscribe',
          payload: { query: '{ __typename }', variables: { pad: 'x'.repeat(padding) } },
        }),
      );
    subscribe('under', 90 * 1024);
    await eventually(
      () =>
        Promise.resolve(messages.some((m) => m.id === 'under' && m.type === 'next') || undefined),
      { what: 'the answer to a 90 kB message' },
    );
    subscribe('over', 110 * 1024);
    const answered = () => messages.some((m) => m.id === 'over');
    // An answer instead of a close fails at once rather than at the deadline.
    const outcome = await eventually(() => Promise.resolve(answered() ? 'answered' : closedWith), {
      what: 'the socket closed or the 110 kB message answered',
    });
    expect(outcome).toBe(1009);
  });
});
