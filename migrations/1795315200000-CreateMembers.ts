import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMembers1795315200000 implements MigrationInterface {
  name = 'CreateMembers1795315200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254 AND email = lower(email)),
        handle text NOT NULL CHECK (handle ~ '^[A-Za-z0-9_]{3,30}$'),
        display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 60),
        timezone text NOT NULL DEFAULT 'UTC' CHECK (char_length(timezone) BETWEEN 1 AND 64),
        password_hash text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query('CREATE UNIQUE INDEX members_email_key ON members (lower(email))');
    await queryRunner.query('CREATE UNIQUE INDEX members_handle_key ON members (lower(handle))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE members');
  }
}
