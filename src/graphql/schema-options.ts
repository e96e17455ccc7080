import type { BuildSchemaOptions } from '@nestjs/graphql';
import { DateTimeScalar } from '../common/graphql/date-time.scalar.js';

/** How the schema is built, the same for the server and for the emitted schema.graphql. */
export const schemaOptions: BuildSchemaOptions = {
  scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  noDuplicatedFields: true,
};
