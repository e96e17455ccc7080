import {
  createClient,
  type Client,
  type ClientOptions,
  type FormattedExecutionResult,
  type SubscribePayload,
} from 'graphql-ws';
import type { Redis } from 'ioredis';
import WebSocket from 'ws';
import { eventually } from './eventually.js';
import type { TestApp } from './test-app.js';

/** The graphql-ws clients a test file opens, disposed together when it ends. */
export class WsClients {
  private readonly clients: Client[] = [];

  /** A client of the app: signed in with `token` when given, else with `options`' params. */
  connect(app: TestApp, token?: string, options: Partial<ClientOptions> = {}): Client {
    const client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      ...options,
    });
    this.clients.push(client);
    return client;
  }

  async disposeAll(): Promise<void> {
    for (const client of this.clients) await client.dispose();
  }
}

/** What one subscription received, as it arrives. */
export interface Listener<T = Record<string, unknown>> {
  results: FormattedExecutionResult<T, unknown>[];
  error?: unknown;
  completed: boolean;
  stop(): void;
}

export function listen<T = Record<string, unknown>>(
  client: Client,
  payload: SubscribePayload,
): Listener<T> {
  const listener: Listener<T> = { results: [], completed: false, stop: () => undefined };
  listener.stop = client.subscribe<T>(payload, {
    next: (result) => listener.results.push(result),
    error: (error) => (listener.error = error),
    complete: () => (listener.completed = true),
  });
  return listener;
}

/** Waits until `count` API replicas listen on a Redis pub/sub channel. */
export function replicasListening(
  redis: Redis,
  channel: string,
  count: number,
  options: { deadlineMs?: number; everyMs?: number } = {},
): Promise<true> {
  return eventually(
    async () => {
      const [, listening] = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      return Number(listening) === count ? true : undefined;
    },
    { ...options, what: `${count} replicas listening on ${channel}` },
  );
}
