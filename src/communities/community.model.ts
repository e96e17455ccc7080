import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Community')
export class Community {
  @Field(() => ID)
  id: string;

  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field({ description: "Main hashtag without '#', e.g. AlitaArmy." })
  hashtag: string;

  @Field()
  createdAt: Date;
}
