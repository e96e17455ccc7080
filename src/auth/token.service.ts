import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from '../common/errors/app-error.js';
import { Clock } from '../common/time/clock.js';
import { AppConfig } from '../config/app-config.js';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

const ALGORITHM = 'HS256';

/** Bearer tokens: HS256 only, with issuer, audience and expiry always checked. */
@Injectable()
export class TokenService {
  /**
   * A key object: given a string, jsonwebtoken first tries to parse it as a public key on
   * every verification (about 0.4 ms each).
   */
  private readonly key: KeyObject;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock = new Clock(),
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret));
  }

  issue(memberId: string): IssuedToken {
    const { issuer, audience, ttlSeconds } = this.config.auth;
    const expiresAt = Math.floor(this.clock.now() / 1000) + ttlSeconds;
    const token = jwt.sign({ exp: expiresAt }, this.key, {
      algorithm: ALGORITHM,
      subject: memberId,
      issuer,
      audience,
    });
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /**
   * Tokens verified lately, each kept until it expires: a client sends the same token with every
   * request, and its signature, issuer and audience cannot change. Only successes are kept,
   * with their expiry (in ms), checked on each use against the service's clock.
   */
  private readonly verified = new LRUCache<string, { memberId: string; expiresAt: number }>({
    max: 10_000,
  });

  /** The member id a token speaks for; UNAUTHENTICATED when it is forged, expired or foreign. */
  verify(token: string): string {
    const now = this.clock.now();
    const known = this.verified.get(token);
    if (known && known.expiresAt > now) return known.memberId;
    const { issuer, audience } = this.config.auth;
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer,
        audience,
        clockTimestamp: Math.floor(now / 1000),
      });
      if (typeof payload === 'string' || typeof payload.sub !== 'string' || !payload.exp) {
        throw new Error('no subject or expiry');
      }
      const expiresAt = payload.exp * 1000;
      if (expiresAt > now) {
        this.verified.set(token, { memberId: payload.sub, expiresAt }, { ttl: expiresAt - now });
      }
      return payload.sub;
    } catch {
      throw new UnauthenticatedError('Your session token is invalid or has expired; log in again.');
    }
  }

  /** The member id behind an `Authorization: Bearer …` value, or null when there is none. */
  viewerFromAuthorization(header: unknown): string | null {
    if (typeof header !== 'string' || !header.trim()) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) {
      throw new UnauthenticatedError('Use an Authorization header of the form "Bearer <token>".');
    }
    return this.verify(match[1]);
  }
}
