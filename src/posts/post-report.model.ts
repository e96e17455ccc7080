import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination/connection.model.js';
import { SocialPlatform } from './social-platform.js';

@ObjectType('PostReport')
export class PostReport {
  @Field(() => ID)
  id: string;

  @Field(() => SocialPlatform)
  platform: SocialPlatform;

  @Field()
  url: string;

  @Field()
  createdAt: Date;
}

export const PostReportConnection = ConnectionType(PostReport, 'PostReport');
