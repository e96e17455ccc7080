import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './helpers/test-app.js';

interface WsError {
  message: string;
  extensions?: { code?: string };
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

  /** Runs one operation over the socket; resolves with its data or its errors. */
  const run = (query: string) =>
    new Promise<{ data?: unknown; errors?: WsError[] }>((resolve) => {
      let data: unknown;
      client.subscribe(
        { query },
        {
          next: (result) => (data = result.data),
          error: (errors) => resolve({ errors: errors as WsError[] }),
          complete: () => resolve({ data }),
        },
      );
    });

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

  it('answers a malformed or unknown field with BAD_USER_INPUT, and keeps the socket', async () => {
    expect(codes(await run(`{ me { `))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await run(`{ me { emial } }`))).toEqual(['BAD_USER_INPUT']);
    expect(await run(`{ __typename }`)).toEqual({ data: { __typename: 'Query' } });
  });
});
