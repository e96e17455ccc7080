import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { emittedSchema } from '../graphql/schema.js';

/** Part of the build: writes the emitted schema to schema.graphql at the project root. */
await writeFile(new URL('../../../schema.graphql', import.meta.url), await emittedSchema());
