import { TokenService } from '../../src/auth/token.service.js';
import type { TestApp } from './test-app.js';
import { uniqueSuffix } from './factories.js';

export interface BulkMember {
  id: string;
  token: string;
}

/**
 * Inserts many members in one statement and mints their tokens with the app's own token
 * service: signing each up through the API would spend most of a test hashing passwords.
 */
export async function insertMembers(t: TestApp, count: number): Promise<BulkMember[]> {
  const batch = uniqueSuffix();
  const rows = await t.sql<{ id: string }>(
    `INSERT INTO members (email, handle, display_name, timezone, password_hash)
     SELECT 'bulk-' || $1 || '-' || n || '@example.com', 'b' || $1 || '_' || n, 'Fan ' || n,
            'UTC', 'not-a-password-hash'
       FROM generate_series(1, $2::int) AS n
     RETURNING id`,
    [batch, count],
  );
  const tokens = t.app.get(TokenService);
  return rows.map(({ id }) => ({ id, token: tokens.issue(id).token }));
}

/**
 * Makes members GOING at an event of unlimited capacity by SQL, as that many joins would
 * (community memberships aside), in one statement.
 */
export async function insertParticipations(
  t: TestApp,
  eventId: string,
  memberIds: string[],
): Promise<void> {
  await t.sql(
    `INSERT INTO participations (event_id, member_id, status, campaign_id)
     SELECT e.id, m.id, 'GOING', e.campaign_id
       FROM events e, unnest($2::uuid[]) AS m (id) WHERE e.id = $1`,
    [eventId, memberIds],
  );
}
