import type pg from 'pg';
import type { ObjectLiteral, Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { byKeys, type BatchLoad } from '../common/graphql/loaders.js';

/**
 * The DataLoader batch function of an entity by id: one SELECT of the entity's columns under
 * their property names, built once from TypeORM's metadata and sent as a named (prepared)
 * statement straight to the connection pool. The hottest lookups of every request so skip the
 * query builder, entity hydration and PostgreSQL's parsing and planning. Misses are null.
 */
export function findByIds<E extends ObjectLiteral & { id: string }>(
  repository: Repository<E>,
): BatchLoad<string, E | null> {
  const { tableName, columns } = repository.metadata;
  const select = columns
    .filter((column) => column.isSelect)
    .map((column) => `"${column.databaseName}" AS "${column.propertyName}"`)
    .join(', ');
  const statement = {
    name: `find-${tableName}-by-ids`,
    text: `SELECT ${select} FROM "${tableName}" WHERE id = ANY($1::uuid[])`,
  };
  return async (ids) => {
    const pool = (repository.manager.connection.driver as PostgresDriver).master as pg.Pool;
    const { rows } = await pool.query<E>({ ...statement, values: [ids] });
    return byKeys(
      ids,
      rows,
      (row) => row.id,
      (row) => row ?? null,
    );
  };
}
