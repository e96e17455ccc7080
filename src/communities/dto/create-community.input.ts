import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { Trim } from '../../common/validation/validators.js';

/** Letters and digits of any script, and underscores: what the platforms accept in a tag. */
export const HASHTAG = /^[\p{L}\p{N}_]{2,100}$/u;
export const HASHTAG_MESSAGE = "must be 2-100 letters, digits or _, without '#'";

@InputType('CreateCommunityInput')
export class CreateCommunityInput {
  @Field({ description: '3-50 of a-z, 0-9, - ; unique.' })
  @Matches(/^[a-z0-9-]{3,50}$/, { message: 'must be 3-50 of a-z, 0-9 and -' })
  slug: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'must be 1-100 characters' })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, 2000, { message: 'must be at most 2000 characters' })
  description?: string | null;

  @Field({ description: "Without '#'." })
  @Matches(HASHTAG, { message: HASHTAG_MESSAGE })
  hashtag: string;
}
