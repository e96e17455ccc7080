import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppConfig } from '../config/app-config.js';
import { UnauthenticatedError } from '../common/errors/app-error.js';
import { TokenService } from './token.service.js';

const MEMBER = '7d0c3b3e-8f4e-4a57-9a86-0d6a1b2c3d4e';

describe(TokenService.name, () => {
  const config = AppConfig.fromEnv({ JWT_SECRET: randomBytes(32).toString('hex') });
  const tokens = () => new TokenService(config);

  it('answers a token it verified before with the same member, and a forged copy with none', () => {
    const service = tokens();
    const { token } = service.issue(MEMBER);
    expect(service.verify(token)).toBe(MEMBER);
    expect(service.verify(token)).toBe(MEMBER);

    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(() => service.verify(forged)).toThrow(UnauthenticatedError);
  });

  it('stops accepting a token it verified once the token expires', async () => {
    const service = tokens();
    // A token of the service's own kind that lives about a second (issue() gives at least 60).
    const exp = Math.floor(Date.now() / 1000) + 1;
    const { jwtSecret, issuer, audience } = config.auth;
    const token = jwt.sign({ exp }, jwtSecret, { subject: MEMBER, issuer, audience });
    expect(service.verify(token)).toBe(MEMBER);

    // Until the clock has passed the token's expiry, no earlier.
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));

    expect(() => service.verify(token)).toThrow(UnauthenticatedError);
  });
});
