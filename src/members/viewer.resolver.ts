import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { OptionalViewerId, ViewerId } from '../common/graphql/viewer.decorator.js';
import { UpdateProfileInput } from './dto/update-profile.input.js';
import { MembersService } from './members.service.js';
import { Viewer } from './viewer.model.js';

@Resolver(() => Viewer)
export class ViewerResolver {
  constructor(private readonly members: MembersService) {}

  @Query(() => Viewer, { nullable: true, description: 'Null when signed out.' })
  me(@OptionalViewerId() viewerId: string | null): Promise<Viewer | null> | null {
    return viewerId ? this.members.viewer(viewerId) : null;
  }

  @Mutation(() => Viewer)
  updateProfile(
    @ViewerId() viewerId: string,
    @Args('input') input: UpdateProfileInput,
  ): Promise<Viewer> {
    return this.members.updateProfile(viewerId, input);
  }
}
