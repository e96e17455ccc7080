import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR, jwtSecretProblem, storedJwtSecret } from './jwt-secret.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

/** A URL of one of `protocols`, or one of `words` as it is. */
const url = (protocols: string[], words: string[] = []) =>
  z.string().refine(
    (value) => {
      if (words.includes(value)) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    {
      error: `must be ${[
        ...words.map((word) => `"${word}"`),
        `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      ].join(' or ')}`,
    },
  );

/** Where FanRally looks for PostgreSQL when DATABASE_URL is unset (outside production). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/fanrally';

/** "Name <user@host>" or "user@host": one mailbox, as a From header takes it. */
const mailbox = z.string().regex(/^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
  error: 'must be one address, like "FanRally <no-reply@example.com>"',
});

const jwtSecret = z.string().superRefine((value, ctx) => {
  const problem = jwtSecretProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const envSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'test', 'production'], {
        error: 'must be development, test or production',
      })
      .default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: int(0, 65535).default(3000),
    DATABASE_URL: url(['postgres:', 'postgresql:'], ['embedded']).optional(),
    DATABASE_POOL_SIZE: int(1, 200).default(10),
    READ_CACHE_MS: int(0, 60_000).default(1000),
    SEED_DEMO_DATA: bool.optional(),
    REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1-64 of A-Z, a-z, 0-9, _ and -' })
      .optional(),
    DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
    JWT_SECRET: jwtSecret.optional(),
    JWT_TTL_SECONDS: int(60, 60 * 60 * 24 * 90).default(60 * 60 * 24 * 7),
    JWT_ISSUER: z.string().min(1).default('fanrally'),
    JWT_AUDIENCE: z.string().min(1).default('fanrally-clients'),
    RATE_LIMIT_AUTH_PER_MINUTE: int(1, 1_000_000).default(20),
    RATE_LIMIT_JOIN_PER_MINUTE: int(1, 1_000_000).default(120),
    RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: int(1, 1_000_000).default(120),
    RATE_LIMIT_CHECK_IN_PER_MINUTE: int(1, 1_000_000).default(120),
    RATE_LIMIT_CODE_TRIES_PER_MINUTE: int(1, 1_000_000).default(10),
    TRUST_PROXY: bool.default(false),
    RUN_WORKERS: bool.default(true),
    SMTP_URL: url(['smtp:', 'smtps:']).optional(),
    SMTP_FROM: mailbox.default('FanRally <no-reply@fanrally.local>'),
    GRAPHQL_MAX_DEPTH: int(2, 100).default(12),
    GRAPHQL_MAX_ALIASES: int(1, 1000).default(30),
    GRAPHQL_MAX_TOKENS: int(100, 100_000).default(3000),
    GRAPHQL_MAX_COST: int(100, 1_000_000).default(20_000),
    GRAPHQL_IDE: bool.default(true),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'must be one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required in production (postgres://user:password@host:5432/fanrally)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
  });

/** A URL's password is never printed: "smtp://user:***@host". */
export const withoutPassword = (value: string) =>
  value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^/]*@/i, '$1***@');

/** Thrown at boot when the environment is unusable; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The key tokens are signed with: JWT_SECRET, or without it one generated on the first start and
 * kept in the data folder.
 */
function jwtKey(
  fromEnv: string | undefined,
  dataDir: string,
): { secret: string; file: { path: string; created: boolean } | null } {
  if (fromEnv !== undefined) return { secret: fromEnv, file: null };
  let stored;
  try {
    stored = storedJwtSecret(dataDir);
  } catch (error) {
    throw new ConfigError([
      `DATA_DIR "${dataDir}" cannot keep a generated JWT key (${(error as Error).message}); set JWT_SECRET or another DATA_DIR`,
    ]);
  }
  const problem = jwtSecretProblem(stored.secret);
  if (problem) {
    throw new ConfigError([`JWT_SECRET is unset and the key in ${stored.path} ${problem}`]);
  }
  return { secret: stored.secret, file: { path: stored.path, created: stored.created } };
}

/** The whole configuration, grouped; injected by class, never read from process.env in features. */
export class AppConfig {
  readonly env: 'development' | 'test' | 'production';
  readonly http: { host: string; port: number; trustProxy: boolean };
  /** seedDemoData: load the #AlitaArmy demo community at start-up when it is missing. */
  /**
   * readCacheMs: how long a replica reuses what it read of a campaign's page (the campaign, its
   * pages of events and their counts, its community, its tally); 0 reads every time.
   */
  /**
   * url: DATABASE_URL, or the default one when it is unset or "embedded"; the start-up replaces
   * it with the embedded server's when that runs (see database/open-database.ts).
   * embedded: "always" for DATABASE_URL=embedded, "fallback" when DATABASE_URL is unset (start
   * the embedded server when nothing answers at the default URL), "never" for a given URL.
   */
  readonly database: {
    url: string;
    embedded: 'always' | 'fallback' | 'never';
    poolSize: number;
    seedDemoData: boolean;
    readCacheMs: number;
  };
  readonly redis: { url: string; queuePrefix: string };
  /** dir: the folder FanRally keeps what it generates for itself in (the JWT key when unset). */
  readonly data: { dir: string };
  /** jwtSecretFile: where the key was kept when JWT_SECRET is unset, and whether this start made it. */
  readonly auth: {
    jwtSecret: string;
    jwtSecretFile: { path: string; created: boolean } | null;
    ttlSeconds: number;
    issuer: string;
    audience: string;
  };
  /**
   * wsOperationsPerMinute: operations one client may start over websockets per minute.
   * codeTriesPerMinute: checkIn calls one member may make per event and minute.
   */
  readonly rateLimit: {
    authPerMinute: number;
    joinPerMinute: number;
    wsOperationsPerMinute: number;
    checkInPerMinute: number;
    codeTriesPerMinute: number;
  };
  readonly graphql: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    /** Whether GET /graphql serves the GraphiQL IDE (and /ide its files). */
    ide: boolean;
  };
  /** smtpUrl: where notification emails go; null turns the email channel off. */
  readonly email: { smtpUrl: string | null; from: string };
  /** run: start the workers in the API process too (one machine). */
  readonly workers: { run: boolean };
  readonly log: { level: string };

  static fromEnv(source: NodeJS.ProcessEnv = process.env): AppConfig {
    const raw = Object.fromEntries(
      Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
    );
    const parsed = envSchema.safeParse(raw);
    if (!parsed.success) {
      throw new ConfigError(
        parsed.error.issues.map((issue) => {
          const name = issue.path.join('.');
          const value = raw[name];
          const shown =
            name === 'JWT_SECRET' || value === undefined
              ? ''
              : ` (got "${withoutPassword(value)}")`;
          return `${name} ${issue.message}${shown}`;
        }),
      );
    }
    const env = parsed.data;
    const dataDir = resolve(env.DATA_DIR);
    const key = jwtKey(env.JWT_SECRET, dataDir);
    return Object.assign(new AppConfig(), {
      env: env.NODE_ENV,
      http: { host: env.HOST, port: env.PORT, trustProxy: env.TRUST_PROXY },
      database: {
        url:
          env.DATABASE_URL === undefined || env.DATABASE_URL === 'embedded'
            ? DEFAULT_DATABASE_URL
            : env.DATABASE_URL,
        embedded:
          env.DATABASE_URL === 'embedded'
            ? 'always'
            : env.DATABASE_URL === undefined
              ? 'fallback'
              : 'never',
        poolSize: env.DATABASE_POOL_SIZE,
        seedDemoData: env.SEED_DEMO_DATA ?? env.NODE_ENV === 'development',
        readCacheMs: env.READ_CACHE_MS,
      },
      redis: { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX ?? `fanrally-${env.NODE_ENV}` },
      data: { dir: dataDir },
      auth: {
        jwtSecret: key.secret,
        jwtSecretFile: key.file,
        ttlSeconds: env.JWT_TTL_SECONDS,
        issuer: env.JWT_ISSUER,
        audience: env.JWT_AUDIENCE,
      },
      rateLimit: {
        authPerMinute: env.RATE_LIMIT_AUTH_PER_MINUTE,
        joinPerMinute: env.RATE_LIMIT_JOIN_PER_MINUTE,
        wsOperationsPerMinute: env.RATE_LIMIT_WS_OPERATIONS_PER_MINUTE,
        checkInPerMinute: env.RATE_LIMIT_CHECK_IN_PER_MINUTE,
        codeTriesPerMinute: env.RATE_LIMIT_CODE_TRIES_PER_MINUTE,
      },
      graphql: {
        maxDepth: env.GRAPHQL_MAX_DEPTH,
        maxAliases: env.GRAPHQL_MAX_ALIASES,
        maxTokens: env.GRAPHQL_MAX_TOKENS,
        maxCost: env.GRAPHQL_MAX_COST,
        ide: env.GRAPHQL_IDE,
      },
      email: { smtpUrl: env.SMTP_URL ?? null, from: env.SMTP_FROM },
      workers: { run: env.RUN_WORKERS },
      log: { level: env.LOG_LEVEL },
    });
  }

  /** Same configuration with some groups replaced (tests run isolated copies). */
  with(overrides: Partial<Omit<AppConfig, 'with'>>): AppConfig {
    return Object.assign(Object.create(AppConfig.prototype) as AppConfig, this, overrides);
  }
}
