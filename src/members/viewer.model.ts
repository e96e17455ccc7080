import { Field, ObjectType } from '@nestjs/graphql';
import { Member } from './member.model.js';

@ObjectType('Viewer', { description: 'The signed-in member, with what only they may see.' })
export class Viewer {
  @Field(() => Member)
  member: Member;

  @Field()
  email: string;
}
