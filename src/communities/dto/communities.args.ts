import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../common/validation/validators.js';
import { CommunityRole } from '../community-role.js';

@ArgsType()
export class CommunitiesArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  search?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
export class MembersArgs {
  @Field(() => CommunityRole, { nullable: true })
  role?: CommunityRole | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
