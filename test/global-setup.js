// Runs outside the test transform, on the build that `npm test` makes first.
import { migrateDatabase } from '../dist/src/database/prepare-database.js';
import { rebuildTemplate } from '../dist/test/helpers/databases.js';

/** Builds the migrated template database that every test file clones. */
export default async function globalSetup() {
  await rebuildTemplate(migrateDatabase);
}
