import { EmbeddedPostgresError } from '../database/embedded-postgres.js';
import { ConfigError } from './app-config.js';

/**
 * Ends a process whose start failed with exit code 1: a known cause (a bad setting, an embedded
 * database that cannot start) in its own words, anything else with its stack.
 */
export function exitOnStartupFailure(error: unknown): never {
  const known = error instanceof ConfigError || error instanceof EmbeddedPostgresError;
  console.error(known ? error.message : error);
  process.exit(1);
}
