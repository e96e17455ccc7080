import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createApp } from '../../src/app.factory.js';
import { createWorker } from '../../src/worker.factory.js';
import { AppConfig } from '../../src/config/app-config.js';
import { createTestDatabase } from './databases.js';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; fields?: string[]; [key: string]: unknown };
}

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: GraphQLError[];
}

/** Sends GraphQL documents over HTTP to one API, as a client app would. */
export interface GraphQLClient {
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
}

/** A GraphQL client of the API served at `url` (POST `${url}/graphql`). */
export function graphqlClient(url: string): GraphQLClient {
  return {
    async gql(query, variables, token) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}

export interface TestApp extends GraphQLClient {
  app: NestExpressApplication;
  /** The workers, when started with { workers: true }. */
  worker: INestApplicationContext | null;
  url: string;
  config: AppConfig;
  /** Direct SQL against this file's database, to check what was (not) written. */
  sql<R extends pg.QueryResultRow = Record<string, any>>(
    text: string,
    values?: unknown[],
  ): Promise<R[]>;
  close(): Promise<void>;
}

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** One key per test file: its apps and replicas accept each other's tokens, and none is written. */
const JWT_SECRET = randomBytes(32).toString('hex');

/**
 * The real API on a free port (and, when asked, the workers in this process), with a database
 * cloned from the migrated template and a queue prefix of its own, so test files run in
 * parallel without sharing rows or Redis keys. `replicaOf` starts another replica of that app
 * instead, on the same database and prefix, which it leaves in place: close it first.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  { workers = false, replicaOf }: { workers?: boolean; replicaOf?: TestApp } = {},
): Promise<TestApp> {
  const database = replicaOf
    ? { url: replicaOf.config.database.url, drop: () => Promise.resolve() }
    : await createTestDatabase();
  const prefix =
    replicaOf?.config.redis.queuePrefix ?? `fanrally-test-${randomBytes(4).toString('hex')}`;
  const config = AppConfig.fromEnv({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '20',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    JWT_SECRET,
    LOG_LEVEL: 'error',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
    RATE_LIMIT_JOIN_PER_MINUTE: '1000000',
    RATE_LIMIT_WS_OPERATIONS_PER_MINUTE: '1000000',
    RATE_LIMIT_CHECK_IN_PER_MINUTE: '1000000',
    RATE_LIMIT_CODE_TRIES_PER_MINUTE: '1000000',
    ...env,
  });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const worker = workers ? await createWorker(config) : null;
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });

  return {
    app,
    worker,
    url,
    config,
    ...graphqlClient(url),
    async sql(text, values) {
      return (await pool.query(text, values)).rows;
    },
    async close() {
      await worker?.close();
      await app.close();
      await pool.end();
      await database.drop();
      if (!replicaOf) await deleteKeys(`${prefix}*`);
    },
  };
}

/** Removes this file's Redis keys (queues, rate limits) when it is done. */
export async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
