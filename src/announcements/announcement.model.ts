import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Announcement')
export class Announcement {
  @Field(() => ID)
  id: string;

  @Field()
  message: string;

  @Field(() => Int, { description: 'How many members it is being delivered to.' })
  recipientCount: number;

  @Field()
  createdAt: Date;
}
