import { expectData, expectError } from './helpers/expectations.js';
import { createMember } from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

describe('GraphQL document limits and error masking', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (body: unknown) =>
    fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses a document 50 levels deep with QUERY_TOO_COMPLEX', async () => {
    const nested = (depth: number): string =>
      depth === 0
        ? 'member { handle }'
        : `community { members { edges { node { ${nested(depth - 1)} } } } }`;
    const query = `{ me { memberships { ${nested(12)} } } }`;
    const response = await t.gql(query);
    expectError(response, 'QUERY_TOO_COMPLEX');
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(
      response.errors?.map(() => 'QUERY_TOO_COMPLEX'),
    );
    expect(response.errors?.map((e) => e.message)).toContain(
      'Query depth limit of 12 exceeded, found 52.',
    );
  });

  it('refuses 500 aliases with QUERY_TOO_COMPLEX', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: me { email }`).join(' ');
    const response = await t.gql(`{ ${aliases} }`);
    expectError(response, 'QUERY_TOO_COMPLEX');
  });

  it('refuses one alias past the limit, naming the aliases limit', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: me { email }`).join(' ');
    const response = await t.gql(`{ ${aliases} }`);
    expectError(response, 'QUERY_TOO_COMPLEX');
    expect(response.errors?.[0].message).toBe('Aliases limit of 30 exceeded, found 31.');
  });

  it('refuses a document of too many tokens with QUERY_TOO_COMPLEX, before parsing it all', async () => {
    const response = await t.gql(`{ ${'__typename '.repeat(5000)} }`);
    expectError(response, 'QUERY_TOO_COMPLEX');
    expect(response.status).toBe(400);
  });

  it('refuses a document whose cost is too high with QUERY_TOO_COMPLEX', async () => {
    const wide = Array.from(
      { length: 29 },
      (_, i) =>
        `c${i}: communities(first: 100) { edges { node { members(first: 100) { edges { node { member { id handle displayName timezone createdAt } community { id slug name hashtag } } } } } } }`,
    ).join(' ');
    expectError(await t.gql(`{ ${wide} }`), 'QUERY_TOO_COMPLEX');
  });

  it("weighs page sizes given by variables and by the schema's defaults", async () => {
    const eventId = '00000000-0000-4000-8000-000000000000';
    const nested = (first: string, variables = '$e: ID!, $n: Int') =>
      `query (${variables}) { event(id: $e) { participants${first} { edges { node { event {
        participants${first} { edges { node { event { participants${first} { totalCount } } } } }
      } } } } } }`;
    const byVariable = await t.gql(nested('(first: $n)'), { e: eventId, n: 30 });
    expectError(byVariable, 'QUERY_TOO_COMPLEX');
    expect(byVariable.status).toBe(400);
    expect(byVariable.errors?.[0].message).toMatch(/^Query Cost limit of 20000 exceeded/);
    expectError(await t.gql(nested('', '$e: ID!'), { e: eventId }), 'QUERY_TOO_COMPLEX');
    const small = await t.gql(nested('(first: $n)'), { e: eventId, n: 2 });
    expect(small.errors?.map((error) => error.extensions?.code) ?? []).not.toContain(
      'QUERY_TOO_COMPLEX',
    );
  });

  it('refuses fragments that multiply at each level with QUERY_TOO_COMPLEX', async () => {
    const fragments = Array.from({ length: 5 }, (_, i) =>
      i === 0
        ? 'fragment F0 on Query { __typename }'
        : `fragment F${i} on Query { ${`...F${i - 1} `.repeat(11)}}`,
    ).join(' ');
    const response = await t.gql(`{ ...F4 } ${fragments}`);
    expectError(response, 'QUERY_TOO_COMPLEX');
    expect(response.errors?.[0].message).toBe('Query exceeds the maximum allowed number of nodes.');
  });

  it('still answers ordinary documents and introspection', async () => {
    const data = expectData(
      await t.gql(`{ __schema { queryType { name } types { name fields { name } } } }`),
    );
    expect(data.__schema.queryType.name).toBe('Query');
  });

  it("answers a malformed JSON body in the contract's error shape, as BAD_USER_INPUT", async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ __typename }"',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('refuses a body over 100 kB with 413 and QUERY_TOO_COMPLEX, and reads one under it', async () => {
    const padded = (bytes: number) => ({
      query: '{ __typename }',
      variables: { pad: 'x'.repeat(bytes) },
    });
    const over = await post(padded(110 * 1024));
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({
      errors: [
        {
          message: 'Request body over the limit of 102400 bytes.',
          extensions: { code: 'QUERY_TOO_COMPLEX' },
        },
      ],
    });
    const under = await post(padded(90 * 1024));
    expect(await under.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses batched requests', async () => {
    const response = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
  });

  it('reports an unknown field as BAD_USER_INPUT without suggesting field names', async () => {
    const response = await t.gql(`{ me { emial } }`);
    expectError(response, 'BAD_USER_INPUT');
    expect(response.errors?.[0].message).not.toMatch(/Did you mean/);
  });

  it('suggests no enum value, in a literal or a variable', async () => {
    const literal = await t.gql(`{ community(slug: "x") { members(role: OWNR) { totalCount } } }`);
    expectError(literal, 'BAD_USER_INPUT');
    const variable = await t.gql(
      `query ($r: CommunityRole) { community(slug: "x") { members(role: $r) { totalCount } } }`,
      { r: 'OWNR' },
    );
    expectError(variable, 'BAD_USER_INPUT');
    for (const { errors } of [literal, variable]) {
      expect(errors?.[0].message).toMatch(/OWNR/);
      expect(errors?.[0].message).not.toMatch(/Did you mean|OWNER/);
    }
  });

  it('names the field of a literal input that is missing', async () => {
    const response = await t.gql(
      `mutation { signUp(input: { email: "a@b.co", handle: "abc", password: "0123456789" }) { token } }`,
    );
    expectError(response, 'BAD_USER_INPUT', ['displayName']);
  });

  it('names the variable field that has the wrong type', async () => {
    const response = await t.gql(
      `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`,
      {
        input: { email: 'a@b.co', handle: 'abc', displayName: 'A', password: 42 },
      },
    );
    expectError(response, 'BAD_USER_INPUT', ['password']);
  });

  it('refuses a NUL in any string input, literal or variable, naming the field', async () => {
    const slug = await t.gql(`query ($s: String!) { community(slug: $s) { id } }`, {
      s: 'a\u0000b',
    });
    expectError(slug, 'BAD_USER_INPUT', ['s']);
    expect(slug.errors?.[0].message).toBe('s: must not contain a NUL character');
    const literal = await t.gql(`{ events(filter: { city: "Lyon\\u0000" }) { totalCount } }`);
    expectError(literal, 'BAD_USER_INPUT', ['city']);
    const byDefault = await t.gql(
      `query ($q: String = "a\\u0000") { communities(search: $q) { totalCount } }`,
    );
    expectError(byDefault, 'BAD_USER_INPUT', ['q']);
    const signUp = await t.gql(
      `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`,
      {
        input: {
          email: 'nul@b.co',
          handle: 'nul_byte',
          displayName: 'A\u0000',
          password: '0123456789',
        },
      },
    );
    expectError(signUp, 'BAD_USER_INPUT', ['displayName']);
    expect(await t.sql(`SELECT 1 FROM members WHERE handle = 'nul_byte'`)).toEqual([]);
  });

  it('reads variables nested deeper than the call stack without failing', async () => {
    const deep = `${'['.repeat(40_000)}"a"${']'.repeat(40_000)}`;
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query": "{ __typename }", "variables": {"deep": ${deep}}}`,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('fails a request with a bad token as UNAUTHENTICATED with HTTP 401', async () => {
    const response = await t.gql(`{ me { email } }`, {}, 'not-a-token');
    expectError(response, 'UNAUTHENTICATED');
    expect(response.status).toBe(401);
  });

  it('masks internal failures: no SQL, stack or internal message reaches the client', async () => {
    const member = await createMember(t);
    await t.sql('ALTER TABLE members RENAME COLUMN display_name TO display_name_gone');
    try {
      const response = await t.gql(`{ me { member { displayName } } }`, {}, member.token);
      expect(response.errors?.[0]).toEqual({
        message: 'Internal server error.',
        locations: expect.any(Array),
        path: ['me'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(response)).not.toMatch(/display_name|QueryFailed|SELECT|\.ts:\d+/);
    } finally {
      await t.sql('ALTER TABLE members RENAME COLUMN display_name_gone TO display_name');
    }
  });
});
