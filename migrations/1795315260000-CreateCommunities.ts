import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCommunities1795315260000 implements MigrationInterface {
  name = 'CreateCommunities1795315260000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      CREATE TABLE communities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9-]{3,50}$'),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        description text CHECK (char_length(description) <= 2000),
        hashtag text NOT NULL CHECK (char_length(hashtag) BETWEEN 2 AND 100 AND hashtag !~ '[#[:space:]]'),
        created_by uuid NOT NULL REFERENCES members (id),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT communities_slug_key UNIQUE (slug)
      )
    `);
    await queryRunner.query('CREATE INDEX communities_name_idx ON communities (name, id)');
    await queryRunner.query(
      "CREATE INDEX communities_search_idx ON communities USING gin ((name || ' ' || slug || ' ' || hashtag) gin_trgm_ops)",
    );
    await queryRunner.query(`
      CREATE TABLE memberships (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('OWNER', 'ORGANIZER', 'MEMBER')),
        joined_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT memberships_pkey PRIMARY KEY (community_id, member_id)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX memberships_member_idx ON memberships (member_id, joined_at)',
    );
    await queryRunner.query(
      'CREATE INDEX memberships_community_joined_idx ON memberships (community_id, joined_at, member_id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE memberships');
    await queryRunner.query('DROP TABLE communities');
  }
}
