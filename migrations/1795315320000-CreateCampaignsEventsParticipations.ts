import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCampaignsEventsParticipations1795315320000 implements MigrationInterface {
  name = 'CreateCampaignsEventsParticipations1795315320000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('SCREENING_TOUR', 'HASHTAG_PUSH', 'WATCH_PARTY')),
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        description text CHECK (char_length(description) <= 5000),
        hashtags text[] NOT NULL DEFAULT '{}' CHECK (cardinality(hashtags) <= 10),
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3) NOT NULL,
        goal_metric text CHECK (goal_metric IN ('PARTICIPANTS', 'CHECK_INS', 'POSTS')),
        goal_target integer CHECK (goal_target >= 1),
        reminder_offsets_minutes integer[] NOT NULL DEFAULT '{1440,60}'
          CHECK (cardinality(reminder_offsets_minutes) <= 5
            AND 0 <= ALL (reminder_offsets_minutes) AND 43200 >= ALL (reminder_offsets_minutes)),
        cancel_reason text CHECK (char_length(cancel_reason) <= 1000),
        created_by uuid NOT NULL REFERENCES members (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT campaigns_window_check CHECK (starts_at < ends_at),
        CONSTRAINT campaigns_goal_check CHECK ((goal_metric IS NULL) = (goal_target IS NULL))
      )
    `);
    await queryRunner.query(
      'CREATE INDEX campaigns_community_idx ON campaigns (community_id, starts_at, id)',
    );

    await queryRunner.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('SCREENING', 'WATCH_PARTY', 'HASHTAG_PUSH', 'MEETUP')),
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CANCELLED', 'ENDED')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        description text CHECK (char_length(description) <= 5000),
        starts_at timestamptz(3) NOT NULL,
        ends_at timestamptz(3) NOT NULL,
        timezone text NOT NULL CHECK (char_length(timezone) BETWEEN 1 AND 64),
        venue_name text CHECK (char_length(venue_name) BETWEEN 1 AND 200),
        venue_address text CHECK (char_length(venue_address) <= 500),
        venue_city text CHECK (char_length(venue_city) BETWEEN 1 AND 100),
        venue_country char(2) CHECK (venue_country ~ '^[A-Z]{2}$'),
        latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        online_url text CHECK (online_url ~ '^https?://' AND char_length(online_url) <= 2048),
        capacity integer CHECK (capacity BETWEEN 1 AND 1000000),
        going_count integer NOT NULL DEFAULT 0 CHECK (going_count >= 0),
        waitlist_count integer NOT NULL DEFAULT 0 CHECK (waitlist_count >= 0),
        check_in_code text NOT NULL,
        cancel_reason text CHECK (char_length(cancel_reason) <= 1000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT events_window_check CHECK (starts_at < ends_at),
        CONSTRAINT events_place_check CHECK (venue_name IS NOT NULL OR online_url IS NOT NULL),
        CONSTRAINT events_venue_check CHECK (
          (venue_name IS NULL) = (venue_city IS NULL) AND (venue_name IS NULL) = (venue_country IS NULL)
        ),
        CONSTRAINT events_point_check CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CONSTRAINT events_going_within_capacity CHECK (capacity IS NULL OR going_count <= capacity)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX events_campaign_idx ON events (campaign_id, starts_at, id)',
    );
    await queryRunner.query(
      "CREATE INDEX events_upcoming_idx ON events (starts_at, id) WHERE status = 'SCHEDULED'",
    );
    await queryRunner.query(
      "CREATE INDEX events_city_idx ON events (lower(venue_city), starts_at) WHERE status = 'SCHEDULED'",
    );
    await queryRunner.query(
      "CREATE INDEX events_latitude_idx ON events (latitude) WHERE status = 'SCHEDULED'",
    );

    await queryRunner.query('CREATE SEQUENCE participations_join_seq');
    await queryRunner.query(`
      CREATE TABLE participations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('GOING', 'WAITLISTED', 'CHECKED_IN', 'CANCELLED')),
        join_seq bigint NOT NULL DEFAULT nextval('participations_join_seq'),
        joined_at timestamptz(3) NOT NULL DEFAULT now(),
        checked_in_at timestamptz(3),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT participations_event_member_key UNIQUE (event_id, member_id),
        CONSTRAINT participations_check_in_check CHECK ((status = 'CHECKED_IN') = (checked_in_at IS NOT NULL))
      )
    `);
    await queryRunner.query(
      'ALTER SEQUENCE participations_join_seq OWNED BY participations.join_seq',
    );
    await queryRunner.query(
      'CREATE INDEX participations_event_status_idx ON participations (event_id, status, join_seq)',
    );
    await queryRunner.query(
      'CREATE INDEX participations_member_idx ON participations (member_id, event_id)',
    );

    await queryRunner.query(`
      CREATE TABLE post_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        platform text NOT NULL
          CHECK (platform IN ('X', 'BLUESKY', 'MASTODON', 'THREADS', 'INSTAGRAM', 'TIKTOK', 'YOUTUBE', 'OTHER')),
        url text NOT NULL CHECK (url ~ '^https?://' AND char_length(url) <= 2048),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT post_reports_url_key UNIQUE (url)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX post_reports_campaign_idx ON post_reports (campaign_id, created_at, id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE post_reports');
    await queryRunner.query('DROP TABLE participations');
    await queryRunner.query('DROP TABLE events');
    await queryRunner.query('DROP TABLE campaigns');
  }
}
