import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { Trim } from '../../common/validation/validators.js';

@InputType('AnnounceInput')
export class AnnounceInput {
  @Field(() => ID)
  campaignId: string;

  @Field({ description: '1-2000 characters.' })
  @Trim()
  @IsString()
  @Length(1, 2000, { message: 'must be 1-2000 characters' })
  message: string;
}
