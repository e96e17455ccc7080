import { AppConfig, ConfigError } from './app-config.js';

describe(AppConfig.name, () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      AppConfig.fromEnv(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('has defaults that work on a local machine', () => {
    const config = AppConfig.fromEnv({});
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/fanrally');
    expect(config.redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      queuePrefix: 'fanrally-development',
    });
    expect(config.auth.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.database.seedDemoData).toBe(true);
    expect(config.email).toEqual({ smtpUrl: null, from: 'FanRally <no-reply@fanrally.local>' });
    expect(config.rateLimit).toEqual({
      authPerMinute: 20,
      joinPerMinute: 120,
      wsOperationsPerMinute: 120,
    });
  });

  it.each([
    [undefined, 'development', true],
    ['', 'development', true],
    [undefined, 'test', false],
    [undefined, 'production', false],
    ['false', 'development', false],
    ['true', 'production', true],
    ['1', 'test', true],
  ])('reads SEED_DEMO_DATA %p under NODE_ENV %s as %p', (seed, nodeEnv, expected) => {
    const config = AppConfig.fromEnv({
      NODE_ENV: nodeEnv,
      JWT_SECRET: 's'.repeat(40),
      SEED_DEMO_DATA: seed,
    });
    expect(config.database.seedDemoData).toBe(expected);
  });

  it('reads every variable', () => {
    const config = AppConfig.fromEnv({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:secret@db:5432/rally',
      REDIS_URL: 'rediss://cache:6380/2',
      QUEUE_PREFIX: 'rally_prod',
      JWT_SECRET: 's'.repeat(40),
      JWT_TTL_SECONDS: '3600',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
      SMTP_FROM: 'Rally <rally@example.com>',
      RATE_LIMIT_AUTH_PER_MINUTE: '5',
      RATE_LIMIT_JOIN_PER_MINUTE: '30',
      RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '600',
    });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 8080, trustProxy: true });
    expect(config.redis.queuePrefix).toBe('rally_prod');
    expect(config.auth.ttlSeconds).toBe(3600);
    expect(config.log.level).toBe('warn');
    expect(config.rateLimit).toEqual({
      authPerMinute: 5,
      joinPerMinute: 30,
      wsOperationsPerMinute: 600,
    });
    expect(config.email).toEqual({
      smtpUrl: 'smtps://mailer:secret@smtp.example.com:465',
      from: 'Rally <rally@example.com>',
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }],
    ['QUEUE_PREFIX', { QUEUE_PREFIX: 'has:colon' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }],
    ['SEED_DEMO_DATA', { SEED_DEMO_DATA: 'sometimes' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example.com' }],
    ['SMTP_URL', { SMTP_URL: 'not a url' }],
    ['SMTP_FROM', { SMTP_FROM: 'FanRally' }],
    ['RATE_LIMIT_WS_OPERATIONS_PER_MINUTE', { RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '0' }],
    ['READ_CACHE_MS', { READ_CACHE_MS: '-1' }],
    ['READ_CACHE_MS', { READ_CACHE_MS: '60001' }],
    ['RATE_LIMIT_WS_OPERATIONS_PER_MINUTE', { RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: 'lots' }],
  ])('names %s when it is bad (%p)', (name, env) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name} `));
  });

  it('names every bad variable at once, and never prints the secret', () => {
    const problems = problemsOf({ PORT: 'x', JWT_SECRET: 'tiny-secret', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'JWT_SECRET',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(problems.join('\n')).not.toContain('tiny-secret');
  });

  it('never prints the password of a bad URL', () => {
    const problems = problemsOf({ SMTP_URL: 'ftp://mailer:p@ss@mail.example.com' });
    expect(problems).toEqual([
      'SMTP_URL must be a URL starting with smtp:// or smtps:// (got "ftp://mailer:***@mail.example.com")',
    ]);
  });
});
