import type { GraphQLResponse, TestApp } from './test-app.js';

/** The response failed with exactly this contract code (and these fields, when given). */
export function expectError(response: GraphQLResponse, code: string, fields?: string[]): void {
  expect(response.errors).toBeDefined();
  const [error] = response.errors ?? [];
  expect({ code: error.extensions?.code, message: error.message }).toEqual({
    code,
    message: expect.any(String),
  });
  if (fields) expect(error.extensions?.fields).toEqual(fields);
  expect(JSON.stringify(response.errors)).not.toMatch(/stacktrace|at .*\.js:\d+|SELECT|INSERT/);
}

/** The response succeeded; returns its data. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

/** Every row of every table of the file's database, each as JSON text, in a stable order. */
export async function everyRow(t: TestApp): Promise<Record<string, string[]>> {
  const tables = await t.sql<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const rows: Record<string, string[]> = {};
  for (const { name } of tables) {
    const found = await t.sql<{ row: string }>(
      `SELECT to_jsonb(r)::text AS row FROM "${name}" r ORDER BY 1`,
    );
    rows[name] = found.map(({ row }) => row);
  }
  return rows;
}

/**
 * Sends a request that must fail with `code` (naming `fields`, when given) and checks that it
 * wrote nothing: every row of every table is as it was before.
 */
export async function expectRefused(
  t: TestApp,
  request: () => Promise<GraphQLResponse>,
  code: string,
  fields?: string[],
): Promise<void> {
  const before = await everyRow(t);
  expectError(await request(), code, fields);
  expect(await everyRow(t)).toEqual(before);
}
