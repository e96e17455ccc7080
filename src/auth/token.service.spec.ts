import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../common/errors/app-error.js';
import type { Clock } from '../common/time/clock.js';
import { TokenService } from './token.service.js';

const MEMBER = '7d0c3b3e-8f4e-4a57-9a86-0d6a1b2c3d4e';

describe(TokenService.name, () => {
  const config = AppConfig.fromEnv({ JWT_SECRET: randomBytes(32).toString('hex') });
  /** A clock the spec moves by hand, starting now. */
  const handClock = () => {
    const clock = { at: Date.now(), now: () => clock.at };
    return clock;
  };
  const tokens = (clock: Clock = handClock()) => new TokenService(config, clock);

  it('answers a token it verified before with the same member, and a forged copy with none', () => {
    const service = tokens();
    const { token } = service.issue(MEMBER);
    expect(service.verify(token)).toBe(MEMBER);
    expect(service.verify(token)).toBe(MEMBER);

    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(() => service.verify(forged)).toThrow(UnauthenticatedError);
  });

  it('stops accepting a token it verified once the token expires, and not before', () => {
    const clock = handClock();
    const service = tokens(clock);
    const { token, expiresAt } = service.issue(MEMBER);
    expect(service.verify(token)).toBe(MEMBER);

    clock.at = expiresAt.getTime() - 1;
    expect(service.verify(token)).toBe(MEMBER);
    clock.at = expiresAt.getTime();
    expect(() => service.verify(token)).toThrow(UnauthenticatedError);
  });
});
