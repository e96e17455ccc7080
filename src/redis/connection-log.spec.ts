import { jest } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { freePort } from '../common/net/free-port.js';
import { logConnection } from './connection-log.js';

describe(logConnection.name, () => {
  it('says once that Redis is away, however many reconnection attempts fail', async () => {
    const warnings: string[] = [];
    const logger = { warn: (line: string) => warnings.push(line), log: () => undefined };
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let attempts = 0;
    const client = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => (++attempts < 5 ? 10 : null),
    });
    logConnection(client, 'commands', logger as unknown as Logger);
    await client.connect().catch(() => undefined);
    await new Promise((resolve) => client.once('end', resolve));
    const unhandled = printed.mock.calls.map((call) => String(call[0]));
    printed.mockRestore();

    expect(attempts).toBe(5);
    expect(warnings).toEqual([expect.stringMatching(/^commands: connect ECONNREFUSED/)]);
    expect(unhandled).toEqual([]);
  });
});
