import { expectError, expectRefused } from './helpers/expectations.js';
import { createMember, uniqueSuffix } from './helpers/factories.js';
import { isolatedStack } from './helpers/processes.js';

const LOG_IN = `mutation ($input: LogInInput!) { logIn(input: $input) { token } }`;
const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token } }`;

/**
 * The per-client budgets are counted in Redis; while Redis is out of reach each API replica
 * counts in memory instead, so members are neither all refused nor let through unlimited. The
 * file runs its own redis-server, which it stops.
 */
describe('rate limits while Redis is down', () => {
  const stack = isolatedStack({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });

  it('serves the budget from memory, then refuses with RATE_LIMITED and writes nothing', async () => {
    const { redis, t } = stack;
    await redis.stop();
    await createMember(t);
    const input = { email: `nobody-${uniqueSuffix()}@example.com`, password: 'battle-angel-1' };
    for (let i = 0; i < 2; i++) expectError(await t.gql(LOG_IN, { input }), 'UNAUTHENTICATED');

    const suffix = uniqueSuffix();
    const signUp = {
      email: `late-${suffix}@example.com`,
      handle: `late_${suffix}`,
      displayName: 'Late',
      password: 'battle-angel-1',
    };
    await expectRefused(t, () => t.gql(SIGN_UP, { input: signUp }), 'RATE_LIMITED');
    const refused = await t.gql(LOG_IN, { input });
    expectError(refused, 'RATE_LIMITED');
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });
});
