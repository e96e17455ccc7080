import type { IncomingMessage } from 'node:http';
import { clientAddressOf } from './client-address.js';

describe(clientAddressOf.name, () => {
  const request = (remoteAddress: string | undefined, forwardedFor?: string) =>
    ({
      socket: { remoteAddress },
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    }) as unknown as IncomingMessage;

  it('is the remote address, whatever X-Forwarded-For says, when proxies are not trusted', () => {
    expect(clientAddressOf(request('10.0.0.5', '203.0.113.7'), false)).toBe('10.0.0.5');
  });

  it('is the first forwarded address behind trusted proxies, as Express req.ip', () => {
    expect(clientAddressOf(request('10.0.0.5', ' 203.0.113.7 , 10.0.0.2'), true)).toBe(
      '203.0.113.7',
    );
    expect(clientAddressOf(request('10.0.0.5', ', ,198.51.100.4'), true)).toBe('198.51.100.4');
  });

  it('falls back to the remote address without X-Forwarded-For, and to "unknown" without one', () => {
    expect(clientAddressOf(request('10.0.0.5'), true)).toBe('10.0.0.5');
    expect(clientAddressOf(request('10.0.0.5', ''), true)).toBe('10.0.0.5');
    expect(clientAddressOf(request(undefined), false)).toBe('unknown');
  });
});
