import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { authResolvers } from '../auth/auth.module.js';
import { communityResolvers } from '../communities/communities.module.js';
import { memberResolvers } from '../members/members.module.js';

/** Every resolver class of the API; the emitted schema is built from these. */
export const resolvers = [...authResolvers, ...memberResolvers, ...communityResolvers];

/** The schema the server emits, as SDL, built from the resolvers without starting the app. */
export async function emittedSchema(): Promise<string> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  try {
    const schema = await context
      .get(GraphQLSchemaFactory)
      .create(resolvers, { dateScalarMode: 'isoDate', noDuplicatedFields: true });
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await context.close();
  }
}
