import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Shortest JWT_SECRET accepted, in bytes: HS256 wants a key as long as its hash. */
export const MIN_JWT_SECRET_BYTES = 32;

/**
 * Keys anyone can read in this repository (its documentation, examples and an earlier built-in
 * development key): whoever knows one can sign tokens for any member, so none is ever accepted.
 */
export const PUBLISHED_JWT_SECRETS: readonly string[] = [
  'fanrally-development-secret-do-not-use-in-production',
];

/** Why a key may not sign tokens, or null when it may. */
export function jwtSecretProblem(secret: string): string | null {
  if (Buffer.byteLength(secret) < MIN_JWT_SECRET_BYTES) {
    return `must be at least ${MIN_JWT_SECRET_BYTES} bytes`;
  }
  if (PUBLISHED_JWT_SECRETS.includes(secret)) {
    return 'is a value published in the FanRally repository; generate one (openssl rand -hex 32)';
  }
  return null;
}

/** The folder holding package.json: the project's root, from src/ as from dist/src/. */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) {
    folder = dirname(folder);
  }
  return folder;
}

/** Where FanRally keeps what it generates for itself when no DATA_DIR is given. */
export const DEFAULT_DATA_DIR = join(projectRoot(), '.fanrally');

export interface StoredJwtSecret {
  secret: string;
  path: string;
  /** true when this start generated it, false when an earlier start did. */
  created: boolean;
}

/**
 * The key kept in `<dataDir>/jwt-secret` (owner-only), generated at random on the first start.
 * A new key is written beside it and hard-linked into place, so processes starting together
 * agree on one key and none reads a half-written file.
 */
export function storedJwtSecret(dataDir: string): StoredJwtSecret {
  const path = join(dataDir, 'jwt-secret');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const draft = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  } finally {
    rmSync(draft, { force: true });
  }
  return { secret: readFileSync(path, 'utf8').trim(), path, created };
}

/** The start-up line saying which generated key signs tokens (never the key itself). */
export function storedJwtSecretNotice({ path, created }: Omit<StoredJwtSecret, 'secret'>): string {
  const made = created ? 'generated at this start' : 'generated at an earlier start';
  return `JWT_SECRET is not set: tokens are signed with the key ${made}, kept in ${path}`;
}
