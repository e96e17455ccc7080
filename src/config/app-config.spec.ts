import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppConfig, ConfigError } from './app-config.js';
import { PUBLISHED_JWT_SECRETS } from './jwt-secret.js';

/** Files anyone can read that show how to set JWT_SECRET. */
const PUBLISHED_FILES = [
  'README.md',
  '.env.example',
  'docker-compose.yml',
  'Dockerfile',
  'docs/DESIGN.md',
  'docs/BENCHMARKS.md',
];

describe(AppConfig.name, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'fanrally-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

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
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir });
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/fanrally');
    expect(config.redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      queuePrefix: 'fanrally-development',
    });
    expect(Buffer.byteLength(config.auth.jwtSecret)).toBeGreaterThanOrEqual(32);
    expect(config.database.seedDemoData).toBe(true);
    expect(config.email).toEqual({ smtpUrl: null, from: 'FanRally <no-reply@fanrally.local>' });
    expect(config.rateLimit).toEqual({
      authPerMinute: 20,
      joinPerMinute: 120,
      wsOperationsPerMinute: 120,
      checkInPerMinute: 120,
      codeTriesPerMinute: 10,
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
      DATABASE_URL: 'postgres://db/fanrally',
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO_DATA: seed,
    });
    expect(config.database.seedDemoData).toBe(expected);
  });

  it.each([
    [undefined, 'postgres://postgres@127.0.0.1:5432/fanrally', 'fallback'],
    ['embedded', 'postgres://postgres@127.0.0.1:5432/fanrally', 'always'],
    ['postgres://app@db:5432/rally', 'postgres://app@db:5432/rally', 'never'],
  ])('reads DATABASE_URL %p as %s, embedded server %s', (value, url, embedded) => {
    const config = AppConfig.fromEnv({ DATA_DIR: dataDir, DATABASE_URL: value });
    expect(config.database).toMatchObject({ url, embedded });
  });

  it('reads every variable', () => {
    const config = AppConfig.fromEnv({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:secret@db:5432/rally',
      REDIS_URL: 'rediss://cache:6380/2',
      QUEUE_PREFIX: 'rally_prod',
      JWT_SECRET: randomBytes(32).toString('hex'),
      JWT_TTL_SECONDS: '3600',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtps://mailer:secret@smtp.example.com:465',
      SMTP_FROM: 'Rally <rally@example.com>',
      RATE_LIMIT_AUTH_PER_MINUTE: '5',
      RATE_LIMIT_JOIN_PER_MINUTE: '30',
      RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '600',
      RATE_LIMIT_CHECK_IN_PER_MINUTE: '60',
      RATE_LIMIT_CODE_TRIES_PER_MINUTE: '3',
      DATA_DIR: 'var/fanrally',
    });
    expect(config.data.dir).toBe(resolve('var/fanrally'));
    expect(config.http).toEqual({ host: '0.0.0.0', port: 8080, trustProxy: true });
    expect(config.redis.queuePrefix).toBe('rally_prod');
    expect(config.auth.ttlSeconds).toBe(3600);
    expect(config.log.level).toBe('warn');
    expect(config.rateLimit).toEqual({
      authPerMinute: 5,
      joinPerMinute: 30,
      wsOperationsPerMinute: 600,
      checkInPerMinute: 60,
      codeTriesPerMinute: 3,
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
    ['JWT_SECRET', { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/fanrally' }],
    ['DATABASE_URL', { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex') }],
    ['JWT_SECRET', { JWT_SECRET: 'x'.repeat(31) }],
    ['JWT_SECRET', { JWT_SECRET: 'é'.repeat(15) }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }],
    ['SEED_DEMO_DATA', { SEED_DEMO_DATA: 'sometimes' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail.example.com' }],
    ['SMTP_URL', { SMTP_URL: 'not a url' }],
    ['SMTP_FROM', { SMTP_FROM: 'FanRally' }],
    ['RATE_LIMIT_WS_OPERATIONS_PER_MINUTE', { RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '0' }],
    ['RATE_LIMIT_CODE_TRIES_PER_MINUTE', { RATE_LIMIT_CODE_TRIES_PER_MINUTE: '0' }],
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

  describe('without JWT_SECRET', () => {
    it('generates a random key on the first start, readable by the owner only, and says so', () => {
      const first = AppConfig.fromEnv({ DATA_DIR: dataDir });
      const path = join(dataDir, 'jwt-secret');
      expect(first.auth.jwtSecretFile).toEqual({ path, created: true });
      expect(readFileSync(path, 'utf8').trim()).toBe(first.auth.jwtSecret);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(Buffer.byteLength(first.auth.jwtSecret)).toBeGreaterThanOrEqual(32);

      const elsewhere = mkdtempSync(join(tmpdir(), 'fanrally-config-'));
      try {
        expect(AppConfig.fromEnv({ DATA_DIR: elsewhere }).auth.jwtSecret).not.toBe(
          first.auth.jwtSecret,
        );
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('keeps the key it generated across restarts', () => {
      const first = AppConfig.fromEnv({ DATA_DIR: dataDir });
      const again = AppConfig.fromEnv({ DATA_DIR: dataDir, NODE_ENV: 'test' });
      expect(again.auth.jwtSecret).toBe(first.auth.jwtSecret);
      expect(again.auth.jwtSecretFile).toEqual({
        path: join(dataDir, 'jwt-secret'),
        created: false,
      });
    });

    it('refuses a kept key that is too short', () => {
      writeFileSync(join(dataDir, 'jwt-secret'), 'short\n');
      expect(problemsOf({ DATA_DIR: dataDir })).toEqual([
        expect.stringMatching(
          /^JWT_SECRET is unset and the key in .*jwt-secret must be at least 32 bytes$/,
        ),
      ]);
    });

    it('names DATA_DIR when it cannot keep a key there', () => {
      const file = join(dataDir, 'a-file');
      writeFileSync(file, '');
      expect(problemsOf({ DATA_DIR: file })).toEqual([
        expect.stringMatching(/^DATA_DIR ".*a-file" cannot keep a generated JWT key/),
      ]);
    });

    it('takes JWT_SECRET when set, and writes nothing', () => {
      const secret = randomBytes(32).toString('hex');
      const config = AppConfig.fromEnv({ DATA_DIR: dataDir, JWT_SECRET: secret });
      expect(config.auth).toMatchObject({ jwtSecret: secret, jwtSecretFile: null });
      expect(() => statSync(join(dataDir, 'jwt-secret'))).toThrow(/ENOENT/);
    });
  });

  describe('refuses every JWT_SECRET published in the repository', () => {
    // Values written after `JWT_SECRET=` or `JWT_SECRET:` (shell, env files, compose, docs).
    const shown = PUBLISHED_FILES.flatMap((file) => {
      const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      return [...text.matchAll(/JWT_SECRET['"]?[ \t]*[=:][ \t]*['"]?([^\s'"`]+)/g)]
        .map((match) => match[1])
        .filter((value) => !value.startsWith('$') && /[A-Za-z0-9]/.test(value));
    });

    it.each([...PUBLISHED_JWT_SECRETS, ...shown])('%s, in every environment', (secret) => {
      for (const NODE_ENV of ['development', 'test', 'production']) {
        const env = { NODE_ENV, DATA_DIR: dataDir, DATABASE_URL: 'postgres://db/fanrally' };
        expect(problemsOf({ ...env, JWT_SECRET: secret })).toEqual([
          expect.stringMatching(/^JWT_SECRET /),
        ]);
      }
    });
  });
});
