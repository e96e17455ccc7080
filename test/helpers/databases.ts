import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The migrated template every test file clones; the CI creates and migrates it once. */
export const TEMPLATE_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fanrally_test';

function withDatabase(url: string, name: string): string {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: withDatabase(TEMPLATE_DATABASE_URL, 'postgres'),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const templateName = () => new URL(TEMPLATE_DATABASE_URL).pathname.slice(1);

/** A fresh database of the test file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${templateName()}_${randomBytes(5).toString('hex')}`;
  await admin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(
          `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(templateName())}`,
        );
        return;
      } catch (error) {
        // Cloning waits for no other session on the template; another file may be cloning.
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return {
    url: withDatabase(TEMPLATE_DATABASE_URL, name),
    drop: () =>
      admin(async (client) => {
        // Connections closed a moment ago may still be on their way out: give them a few
        // seconds before forcing them, so none is killed under a client that still listens.
        for (let wait = 0; wait < 50; wait++) {
          const { rows } = await client.query<{ count: number }>(
            'SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0].count === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      }),
  };
}

/** Drops and rebuilds the template database with every migration applied. */
export async function rebuildTemplate(migrate: (url: string) => Promise<unknown>): Promise<void> {
  await admin(async (client) => {
    await client.query(
      `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(templateName())} WITH (FORCE)`,
    );
  });
  await migrate(TEMPLATE_DATABASE_URL);
}
