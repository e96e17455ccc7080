import type { ObjectLiteral, Repository } from 'typeorm';
import { byKeys, type BatchLoad } from '../common/graphql/loaders.js';
import { poolOf } from './pool.js';

/**
 * The DataLoader batch function of an entity by id: one SELECT of the entity's columns under
 * their property names, built once from TypeORM's metadata and sent as a named (prepared)
 * statement straight to the connection pool (`poolOf`): the hottest lookups of every request
 * skip the query builder and entity hydration too. Misses are null.
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
    const { rows } = await poolOf(repository.manager.connection).query<E>({
      ...statement,
      values: [ids],
    });
    return byKeys(
      ids,
      rows,
      (row) => row.id,
      (row) => row ?? null,
    );
  };
}
