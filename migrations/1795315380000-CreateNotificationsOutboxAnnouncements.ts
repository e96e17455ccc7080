import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotificationsOutboxAnnouncements1795315380000 implements MigrationInterface {
  name = 'CreateNotificationsOutboxAnnouncements1795315380000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('EVENT_REMINDER', 'EVENT_CHANGED', 'EVENT_CANCELLED',
          'WAITLIST_PROMOTED', 'CAMPAIGN_LIVE', 'ANNOUNCEMENT')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 5000),
        campaign_id uuid REFERENCES campaigns (id) ON DELETE CASCADE,
        event_id uuid REFERENCES events (id) ON DELETE CASCADE,
        delivery_key text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        read_at timestamptz(3),
        emailed_at timestamptz(3),
        CONSTRAINT notifications_delivery_key_key UNIQUE (delivery_key)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX notifications_member_idx ON notifications (member_id, created_at DESC, id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX notifications_unread_idx ON notifications (member_id) WHERE read_at IS NULL',
    );

    await queryRunner.query(`
      CREATE TABLE announcements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES members (id),
        message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 2000),
        recipient_count integer NOT NULL CHECK (recipient_count >= 0),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(
      'CREATE INDEX announcements_campaign_idx ON announcements (campaign_id, created_at)',
    );

    // Jobs a write must schedule, written in the write's transaction; the relay moves them
    // into BullMQ and deletes them once added.
    await queryRunner.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        name text NOT NULL,
        job_id text NOT NULL CHECK (job_id <> '' AND position(':' in job_id) = 0),
        data jsonb NOT NULL,
        run_at timestamptz(3) NOT NULL DEFAULT now(),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$
    `);
    await queryRunner.query(
      'CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox');
    await queryRunner.query('DROP FUNCTION outbox_notify');
    await queryRunner.query('DROP TABLE announcements');
    await queryRunner.query('DROP TABLE notifications');
  }
}
