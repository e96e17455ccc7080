import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * The pg Pool under a TypeORM data source, for the hottest statements: sent as named (prepared)
 * statements straight to it, they skip TypeORM's query runner and PostgreSQL's parsing and
 * planning.
 */
export function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as PostgresDriver).master as pg.Pool;
}
