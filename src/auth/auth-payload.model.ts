import { Field, ObjectType } from '@nestjs/graphql';
import { Viewer } from '../members/viewer.model.js';

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field({
    description:
      'Bearer token for the Authorization header and the websocket connection_init payload.',
  })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => Viewer)
  viewer: Viewer;
}
