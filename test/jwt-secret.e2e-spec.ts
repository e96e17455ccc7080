import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import { createMember } from './helpers/factories.js';
import { expectData, expectError } from './helpers/expectations.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const ME = '{ me { member { id } } }';

/** An instance started without JWT_SECRET, as `npm start` runs it. */
describe('the signing key without JWT_SECRET', () => {
  let dataDir: string;
  let first: TestApp;
  let second: TestApp | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fanrally-data-'));
    first = await startTestApp({ JWT_SECRET: '', DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a token signed with the key that used to be built in', async () => {
    const member = await createMember(first);
    const forged = jwt.sign(
      { exp: Math.floor(Date.now() / 1000) + 3600 },
      'fanrally-development-secret-do-not-use-in-production',
      { algorithm: 'HS256', subject: member.id, issuer: 'fanrally', audience: 'fanrally-clients' },
    );
    expectError(await first.gql(ME, {}, forged), 'UNAUTHENTICATED');
    expect(expectData(await first.gql(ME, {}, member.token))).toEqual({
      me: { member: { id: member.id } },
    });
  });

  it('generates a key in a fresh data folder and keeps it for the next start', async () => {
    const keyFile = join(dataDir, 'jwt-secret');
    expect(first.config.auth.jwtSecretFile).toEqual({ path: keyFile, created: true });
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const member = await createMember(first);

    second = await startTestApp({ JWT_SECRET: '', DATA_DIR: dataDir }, { replicaOf: first });
    expect(second.config.auth.jwtSecretFile).toEqual({ path: keyFile, created: false });
    expect(expectData(await second.gql(ME, {}, member.token))).toEqual({
      me: { member: { id: member.id } },
    });
  });
});
