import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * Logs a client's connection going away once, and its return once, instead of leaving its
 * 'error' events without a listener (ioredis then prints "Unhandled error event" with a stack
 * at every reconnection attempt, several a second for as long as Redis is away).
 */
export function logConnection(client: Redis, name: string, logger: Logger): Redis {
  let lost = false;
  client.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    logger.warn(`${name}: ${error.message}; retrying until Redis answers`);
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.log(`${name}: connected again`);
  });
  return client;
}
