/** A redis-server child of its own (bench/lib/redis-server.js). */
export interface RedisServer {
  port: number;
  url: string;
  /** Starts it again on the same port with the data `stop` saved; the moment it answered PING. */
  start(): Promise<number | null>;
  /** Saves the data to disk and stops the server: its clients see refused connections. */
  stop(): Promise<void>;
  /** Kills the server and removes its directory. */
  close(): Promise<void>;
}

export function startRedisServer(): Promise<RedisServer>;
