import { expectData, expectError } from './helpers/expectations.js';
import { createMember, uniqueSuffix } from './helpers/factories.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const SIGN_UP = `mutation ($input: SignUpInput!) {
  signUp(input: $input) { token expiresAt viewer { email member { id handle displayName timezone createdAt } memberships { role } } }
}`;
const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token expiresAt viewer { email member { id } } } }`;
const ME = `{ me { email member { id handle displayName timezone } memberships { role } } }`;
const UPDATE_PROFILE = `mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) { email member { displayName timezone } }
}`;

describe('accounts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const signUpInput = (overrides: Record<string, unknown> = {}) => {
    const suffix = uniqueSuffix();
    return {
      email: `alita-${suffix}@example.com`,
      handle: `alita_${suffix}`,
      displayName: 'Alita',
      password: 'battle-angel-1',
      ...overrides,
    };
  };
  const countMembers = async () => Number((await t.sql('SELECT count(*) FROM members'))[0].count);

  describe('signUp', () => {
    it('creates a member and returns a token that works for me', async () => {
      const input = signUpInput({ email: 'Alita.Battle@Example.com', timezone: 'Asia/Tokyo' });
      const { signUp } = expectData(await t.gql(SIGN_UP, { input }));
      expect(signUp.viewer).toEqual({
        email: 'alita.battle@example.com',
        member: {
          id: expect.any(String),
          handle: input.handle,
          displayName: 'Alita',
          timezone: 'Asia/Tokyo',
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
        },
        memberships: [],
      });
      expect(new Date(signUp.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const { me } = expectData(await t.gql(ME, {}, signUp.token));
      expect(me.member.id).toBe(signUp.viewer.member.id);
    });

    it('defaults the time zone to UTC and stores only an argon2id hash', async () => {
      const input = signUpInput();
      const { signUp } = expectData(await t.gql(SIGN_UP, { input }));
      expect(signUp.viewer.member.timezone).toBe('UTC');
      const [row] = await t.sql('SELECT password_hash FROM members WHERE id = $1', [
        signUp.viewer.member.id,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect(row.password_hash).not.toContain(input.password);
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['email', { email: `${'a'.repeat(250)}@example.com` }],
      ['handle', { handle: 'ab' }],
      ['handle', { handle: 'a'.repeat(31) }],
      ['handle', { handle: 'alita-army' }],
      ['handle', { handle: 'alita army' }],
      ['displayName', { displayName: '   ' }],
      ['displayName', { displayName: 'x'.repeat(61) }],
      ['password', { password: 'short' }],
      ['password', { password: '123456789' }],
      ['timezone', { timezone: 'Mars/Olympus_Mons' }],
    ])('refuses a bad %s (%p) with BAD_USER_INPUT and writes nothing', async (field, overrides) => {
      const before = await countMembers();
      expectError(await t.gql(SIGN_UP, { input: signUpInput(overrides) }), 'BAD_USER_INPUT', [
        field,
      ]);
      expect(await countMembers()).toBe(before);
    });

    it('refuses a missing field with BAD_USER_INPUT naming it', async () => {
      const { handle: _omitted, ...input } = signUpInput();
      expectError(await t.gql(SIGN_UP, { input }), 'BAD_USER_INPUT', ['handle']);
    });

    it('refuses an email or handle taken in another case with CONFLICT', async () => {
      const first = signUpInput();
      expectData(await t.gql(SIGN_UP, { input: first }));
      const before = await countMembers();
      expectError(
        await t.gql(SIGN_UP, { input: signUpInput({ email: first.email.toUpperCase() }) }),
        'CONFLICT',
        ['email'],
      );
      expectError(
        await t.gql(SIGN_UP, { input: signUpInput({ handle: first.handle.toUpperCase() }) }),
        'CONFLICT',
        ['handle'],
      );
      expect(await countMembers()).toBe(before);
    });

    it('lets exactly one of two concurrent sign-ups with one email in two cases through', async () => {
      const email = `race-${uniqueSuffix()}@example.com`;
      const responses = await Promise.all([
        t.gql(SIGN_UP, { input: signUpInput({ email }) }),
        t.gql(SIGN_UP, { input: signUpInput({ email: email.toUpperCase() }) }),
      ]);
      const codes = responses.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
      expect(codes).toEqual(['CONFLICT', 'OK']);
      const rows = await t.sql('SELECT id FROM members WHERE lower(email) = $1', [email]);
      expect(rows).toHaveLength(1);
    });
  });

  describe('logIn', () => {
    it('returns a fresh token for the right password, whatever the email case', async () => {
      const member = await createMember(t);
      const { logIn } = expectData(
        await t.gql(LOG_IN, {
          input: { email: member.email.toUpperCase(), password: member.password },
        }),
      );
      expect(logIn.viewer.member.id).toBe(member.id);
      const { me } = expectData(await t.gql(ME, {}, logIn.token));
      expect(me.member.id).toBe(member.id);
    });

    it('refuses a wrong password and an unknown email alike with UNAUTHENTICATED', async () => {
      const member = await createMember(t);
      const wrong = await t.gql(LOG_IN, {
        input: { email: member.email, password: 'wrong-password' },
      });
      const unknown = await t.gql(LOG_IN, {
        input: { email: `nobody-${uniqueSuffix()}@example.com`, password: member.password },
      });
      expectError(wrong, 'UNAUTHENTICATED');
      expectError(unknown, 'UNAUTHENTICATED');
      expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);
    });
    it.each([
      ['email', { email: `${'a'.repeat(250)}@example.com`, password: 'battle-angel-1' }],
      ['password', { email: 'alita@example.com', password: 'p'.repeat(257) }],
    ])('refuses an oversized %s with BAD_USER_INPUT', async (field, input) => {
      expectError(await t.gql(LOG_IN, { input }), 'BAD_USER_INPUT', [field]);
    });
  });

  describe('me and tokens', () => {
    it('is null when signed out', async () => {
      expect(expectData(await t.gql(ME)).me).toBeNull();
    });

    const forge = (header: object, payload: object, signature = 'x') =>
      [header, payload]
        .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
        .join('.') + `.${signature}`;

    it.each([
      ['garbage', 'not-a-token'],
      [
        'an unsigned token',
        forge(
          { alg: 'none', typ: 'JWT' },
          { sub: 'x', iss: 'fanrally', aud: 'fanrally-clients' },
          '',
        ),
      ],
      [
        'a token with a forged signature',
        forge(
          { alg: 'HS256', typ: 'JWT' },
          { sub: 'x', iss: 'fanrally', aud: 'fanrally-clients', exp: 4102444800 },
        ),
      ],
    ])('refuses %s with UNAUTHENTICATED', async (_name, token) => {
      expectError(await t.gql(ME, {}, token), 'UNAUTHENTICATED');
    });

    it('refuses tokens of another issuer or audience, and expired ones', async () => {
      const member = await createMember(t);
      const { TokenService } = await import('../src/auth/token.service.js');
      const variants = [
        { auth: { ...t.config.auth, issuer: 'someone-else' } },
        { auth: { ...t.config.auth, audience: 'another-app' } },
        { auth: { ...t.config.auth, jwtSecret: 'another-secret-that-is-long-enough-000' } },
      ];
      for (const variant of variants) {
        const { token } = new TokenService(t.config.with(variant)).issue(member.id);
        expectError(await t.gql(ME, {}, token), 'UNAUTHENTICATED');
      }
      const { default: jwt } = await import('jsonwebtoken');
      const expired = jwt.sign(
        { exp: Math.floor(Date.now() / 1000) - 10 },
        t.config.auth.jwtSecret,
        { subject: member.id, issuer: t.config.auth.issuer, audience: t.config.auth.audience },
      );
      expectError(await t.gql(ME, {}, expired), 'UNAUTHENTICATED');
    });
  });

  describe('updateProfile', () => {
    it('changes the display name and time zone', async () => {
      const member = await createMember(t);
      const { updateProfile } = expectData(
        await t.gql(
          UPDATE_PROFILE,
          { input: { displayName: '  Alita of Iron City ', timezone: 'America/Los_Angeles' } },
          member.token,
        ),
      );
      expect(updateProfile.member).toEqual({
        displayName: 'Alita of Iron City',
        timezone: 'America/Los_Angeles',
      });
    });

    it('leaves fields that are not given as they were', async () => {
      const member = await createMember(t, { timezone: 'Europe/Paris' });
      const { updateProfile } = expectData(
        await t.gql(UPDATE_PROFILE, { input: { displayName: 'Gally' } }, member.token),
      );
      expect(updateProfile.member).toEqual({ displayName: 'Gally', timezone: 'Europe/Paris' });
    });

    it.each([
      ['timezone', { timezone: 'Europe/Atlantis' }],
      ['displayName', { displayName: '' }],
      ['displayName', { displayName: 'y'.repeat(61) }],
    ])('refuses a bad %s and changes nothing', async (field, input) => {
      const member = await createMember(t, { timezone: 'Europe/Paris' });
      expectError(await t.gql(UPDATE_PROFILE, { input }, member.token), 'BAD_USER_INPUT', [field]);
      const [row] = await t.sql('SELECT display_name, timezone FROM members WHERE id = $1', [
        member.id,
      ]);
      expect(row.timezone).toBe('Europe/Paris');
      expect(row.display_name).toMatch(/^Fan /);
    });

    it('refuses a signed-out caller with UNAUTHENTICATED', async () => {
      expectError(await t.gql(UPDATE_PROFILE, { input: { displayName: 'X' } }), 'UNAUTHENTICATED');
    });
  });
});

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('refuses sign-ups and log-ins past the per-client budget with RATE_LIMITED', async () => {
    const input = { email: `nobody-${uniqueSuffix()}@example.com`, password: 'battle-angel-1' };
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await t.gql(LOG_IN, { input });
      codes.push(response.errors?.[0]?.extensions?.code ?? 'OK');
    }
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    const limited = await t.gql(SIGN_UP, { input: signUpInputFor() });
    expectError(limited, 'RATE_LIMITED');
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number((await t.sql('SELECT count(*) FROM members'))[0].count)).toBe(0);
  });

  it('counts requests that arrive together one by one: the budget holds exactly', async () => {
    const together = await startTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });
    try {
      const input = { email: `nobody-${uniqueSuffix()}@example.com`, password: 'battle-angel-1' };
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => together.gql(LOG_IN, { input })),
      );
      const codes = responses.map((response) => response.errors?.[0]?.extensions?.code);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(3);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(7);
    } finally {
      await together.close();
    }
  });
});

function signUpInputFor() {
  const suffix = uniqueSuffix();
  return {
    email: `late-${suffix}@example.com`,
    handle: `late_${suffix}`,
    displayName: 'Late',
    password: 'battle-angel-1',
  };
}
