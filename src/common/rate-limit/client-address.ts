import type { IncomingMessage } from 'node:http';

/**
 * The client of a request Express does not see (a websocket's upgrade request), named as
 * Express's `req.ip` names it with `trust proxy` set to `trustProxy`: the socket's remote
 * address, or behind trusted proxies the first address of X-Forwarded-For.
 */
export function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const forwarded = request.headers['x-forwarded-for'];
  const header = Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '');
  return (
    header
      .split(',')
      .map((address) => address.trim())
      .find((address) => address !== '') ?? peer
  );
}
