import { jest } from '@jest/globals';
import type * as Argon2 from 'argon2';

/** The hashes argon2.verify was asked to check, in order. */
const verified: string[] = [];
jest.unstable_mockModule('argon2', () => {
  const argon2 = jest.requireActual<typeof Argon2>('argon2');
  return {
    ...argon2,
    verify: (hash: string, password: string) => {
      verified.push(hash);
      return argon2.verify(hash, password);
    },
  };
});
const { PasswordHasher } = await import('./password-hasher.js');

/** Algorithm, version and cost of an argon2 hash: `argon2id$v=19$m=19456,p=1,t=2`. */
const costOf = (hash: string) => hash.split('$').slice(1, 4).join('$');

describe(PasswordHasher.name, () => {
  const hasher = new PasswordHasher();

  beforeEach(() => {
    verified.length = 0;
  });

  it('accepts the password of a hash and refuses another', async () => {
    const hash = await hasher.hash('battle-angel-1');
    expect(await hasher.verify(hash, 'battle-angel-1')).toBe(true);
    expect(await hasher.verify(hash, 'battle-angel-2')).toBe(false);
    expect(verified).toEqual([hash, hash]);
  });

  it("checks an unknown account's password against a decoy hash of the same cost, and refuses it", async () => {
    const real = await hasher.hash('battle-angel-1');
    expect(await hasher.verify(undefined, 'battle-angel-1')).toBe(false);
    expect(verified).toHaveLength(1);
    const [decoy] = verified;
    expect(decoy).not.toBe(real);
    expect(costOf(decoy)).toBe(costOf(real));
    expect(costOf(real)).toBe('argon2id$v=19$m=19456,p=1,t=2');
  });

  it("refuses the decoy's own password for an unknown account", async () => {
    expect(await hasher.verify(undefined, 'fanrally-decoy-password')).toBe(false);
    expect(verified).toHaveLength(1);
  });
});
