import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { InvalidInputError } from '../errors/app-error.js';
import type { Connection } from './connection.model.js';
import type { CursorValue, Cursors } from './cursor.js';

export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first: number;
  after?: string | null;
}

/** One column of a keyset order: its SQL expression and how to read it from a row. */
export interface SortKey<T> {
  expression: string;
  direction: 'ASC' | 'DESC';
  value(row: T): CursorValue | Date;
}

export function assertPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw InvalidInputError.of('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
}

function cursorValue(value: CursorValue | Date): CursorValue {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Keyset pagination of a query by a unique order (the last key must be unique), with opaque
 * cursors and a lazily counted total: the one pagination every connection uses.
 */
export async function paginate<T extends ObjectLiteral>(
  cursors: Cursors,
  query: SelectQueryBuilder<T>,
  page: PageArgs,
  keys: SortKey<T>[],
): Promise<Connection<T>> {
  assertPageSize(page.first);
  const counted = query.clone();
  const rows = query.clone();
  const order = keys.map((key) => `${key.expression} ${key.direction}`).join(', ');
  if (page.after) {
    const after = cursors.decode(order, page.after);
    const params = Object.fromEntries(after.map((value, i) => [`cursor${i}`, value]));
    const branches = keys.map((key, i) => {
      const equal = keys.slice(0, i).map((k, j) => `${k.expression} = :cursor${j}`);
      const beyond = `${key.expression} ${key.direction === 'ASC' ? '>' : '<'} :cursor${i}`;
      return `(${[...equal, beyond].join(' AND ')})`;
    });
    rows.andWhere(`(${branches.join(' OR ')})`, params);
  }
  keys.forEach((key, i) =>
    i === 0
      ? rows.orderBy(key.expression, key.direction)
      : rows.addOrderBy(key.expression, key.direction),
  );
  const found = await rows.limit(page.first + 1).getMany();
  const nodes = found.slice(0, page.first);
  const edges = nodes.map((node) => ({
    node,
    cursor: cursors.encode(
      order,
      keys.map((key) => cursorValue(key.value(node))),
    ),
  }));
  let total: Promise<number> | undefined;
  return {
    edges,
    pageInfo: { hasNextPage: found.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      total ??= counted.getCount();
      return total;
    },
  };
}
