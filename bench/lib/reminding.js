import { scheduleEvent } from '../../dist/src/lifecycle/schedule.js';
import { reminderJobs } from '../../dist/src/reminders/reminder-jobs.js';
import { inTransaction } from './database.js';

/** The campaigns' default offsets: the day-before one is already past, the hour-before one due. */
const OFFSETS = [1440, 60];
const REMIND_MINUTES = 60;

/** A `LIVE` campaign of the fixture's community with the default reminder offsets. */
export async function remindingCampaign(pool, title) {
  const {
    rows: [campaign],
  } = await pool.query(
    `INSERT INTO campaigns (community_id, kind, status, title, hashtags, starts_at, ends_at,
                            created_by, reminder_offsets_minutes)
     SELECT community_id, 'WATCH_PARTY', 'LIVE', $1, '{benchfans}',
            now() - interval '1 day', now() + interval '30 days', member_id, $2
       FROM memberships WHERE role = 'OWNER' LIMIT 1
     RETURNING id, status, reminder_offsets_minutes AS "reminderOffsetsMinutes"`,
    [title, OFFSETS],
  );
  return campaign;
}

/** An event of the campaign, far ahead for now, with these participants; returns its id. */
export async function insertEvent(pool, campaign, title, { going, waitlisted = [], left = [] }) {
  const sql = async (text, values) => (await pool.query(text, values)).rows;
  const [event] = await sql(
    `INSERT INTO events (campaign_id, kind, title, starts_at, ends_at, timezone, venue_name,
                         venue_city, venue_country, capacity, going_count, waitlist_count,
                         check_in_code)
     VALUES ($1, 'SCREENING', $2, now() + interval '20 days', now() + interval '20 days 2 hours',
             'Europe/Paris', 'Cinema Fan-out', 'Paris', 'FR', $3, $3, $4, 'BENCH3')
     RETURNING id`,
    [campaign.id, title, going.length, waitlisted.length],
  );
  await sql(
    `INSERT INTO participations (event_id, campaign_id, member_id, status)
     SELECT $1, $2, m.id, m.status
       FROM (SELECT unnest($3::uuid[]), 'GOING'::text
             UNION ALL SELECT unnest($4::uuid[]), 'WAITLISTED'
             UNION ALL SELECT unnest($5::uuid[]), 'CANCELLED') m (id, status)`,
    [event.id, campaign.id, going, waitlisted, left],
  );
  return event.id;
}

/**
 * What an organizer moving the event does: its new start, such that its hour-before reminder
 * is due `remindInMs` from now, and, in the same transaction, its jobs written to the outbox by
 * the app's own scheduleEvent. Returns the reminder's job id and due time.
 */
export const scheduleReminder = (pool, campaign, eventId, remindInMs) =>
  inTransaction(pool, async (client) => {
    const startsAt = new Date(Date.now() + REMIND_MINUTES * 60_000 + remindInMs);
    const {
      rows: [event],
    } = await client.query(
      `UPDATE events SET starts_at = $2, ends_at = $2::timestamptz + interval '2 hours'
        WHERE id = $1 RETURNING id, status, starts_at AS "startsAt", ends_at AS "endsAt"`,
      [eventId, startsAt],
    );
    const manager = { query: async (text, values) => (await client.query(text, values)).rows };
    const now = new Date();
    await scheduleEvent(manager, event, campaign, now);
    const [reminder] = reminderJobs(event, campaign, now);
    return { jobId: reminder.jobId, dueAt: reminder.data.dueAt };
  });
