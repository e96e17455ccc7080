import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Member', { description: "A member's public face. Private fields live on Viewer." })
export class Member {
  @Field(() => ID)
  id: string;

  @Field()
  handle: string;

  @Field()
  displayName: string;

  @Field()
  timezone: string;

  @Field()
  createdAt: Date;
}
