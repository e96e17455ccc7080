import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tally worker's table, and what makes an exact recompute cheap: each participation knows
 * its campaign (an event never changes campaign), so a campaign's counts are index-only scans
 * of one campaign's entries instead of a join over all of its events' rows.
 */
export class CreateCampaignTallies1795315440000 implements MigrationInterface {
  name = 'CreateCampaignTallies1795315440000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE participations ADD COLUMN campaign_id uuid');
    await queryRunner.query(`
      UPDATE participations p SET campaign_id = e.campaign_id FROM events e WHERE e.id = p.event_id
    `);
    await queryRunner.query(`
      ALTER TABLE participations
        ALTER COLUMN campaign_id SET NOT NULL,
        ADD CONSTRAINT participations_campaign_id_fkey
          FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
    `);
    // Counts per event and status.
    await queryRunner.query(
      'CREATE INDEX participations_campaign_event_status_idx ON participations (campaign_id, event_id, status)',
    );
    // Distinct participants: the campaign's attending members in order, with their event.
    await queryRunner.query(`
      CREATE INDEX participations_campaign_attending_idx ON participations (campaign_id, member_id)
        INCLUDE (event_id) WHERE status IN ('GOING', 'CHECKED_IN')
    `);
    // The member leaderboard: check-ins, with when they happened.
    await queryRunner.query(`
      CREATE INDEX participations_campaign_check_ins_idx
        ON participations (campaign_id, member_id, checked_in_at) INCLUDE (event_id)
        WHERE status = 'CHECKED_IN'
    `);
    await queryRunner.query(
      'CREATE INDEX post_reports_campaign_member_idx ON post_reports (campaign_id, member_id, created_at)',
    );

    await queryRunner.query(`
      CREATE TABLE campaign_tallies (
        campaign_id uuid PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
        participants integer NOT NULL CHECK (participants >= 0),
        going integer NOT NULL CHECK (going >= 0),
        waitlisted integer NOT NULL CHECK (waitlisted >= 0),
        checked_in integer NOT NULL CHECK (checked_in >= 0),
        posts integer NOT NULL CHECK (posts >= 0),
        by_city jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz(3) NOT NULL
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE campaign_tallies');
    await queryRunner.query('DROP INDEX post_reports_campaign_member_idx');
    await queryRunner.query('ALTER TABLE participations DROP COLUMN campaign_id');
  }
}
