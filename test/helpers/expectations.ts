import type { GraphQLResponse } from './test-app.js';

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
