import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when no account matches, so a miss costs what a hit costs. */
  private readonly decoy = argon2.hash('fanrally-decoy-password', options);

  hash(password: string): Promise<string> {
    return argon2.hash(password, options);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    const matches = await argon2.verify(hash ?? (await this.decoy), password);
    return matches && hash !== undefined;
  }
}
