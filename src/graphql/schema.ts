import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { announcementResolvers } from '../announcements/announcements.module.js';
import { authResolvers } from '../auth/auth.module.js';
import { campaignResolvers } from '../campaigns/campaigns.module.js';
import { eventResolvers } from '../events/events.module.js';
import { participationResolvers } from '../participation/participation.module.js';
import { postResolvers } from '../posts/posts.module.js';
import { notificationResolvers } from '../notifications/notifications.module.js';
import { communityResolvers } from '../communities/communities.module.js';
import { memberResolvers } from '../members/members.module.js';
import { tallyResolvers } from '../tallies/tallies.module.js';
import { schemaOptions } from './schema-options.js';

/** Every resolver class of the API; the emitted schema is built from these. */
export const resolvers = [
  ...authResolvers,
  ...memberResolvers,
  ...communityResolvers,
  ...campaignResolvers,
  ...eventResolvers,
  ...participationResolvers,
  ...postResolvers,
  ...announcementResolvers,
  ...notificationResolvers,
  ...tallyResolvers,
];

/** The schema the server emits, as SDL, built from the resolvers without starting the app. */
export async function emittedSchema(): Promise<string> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  try {
    const schema = await context.get(GraphQLSchemaFactory).create(resolvers, schemaOptions);
    return printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await context.close();
  }
}
