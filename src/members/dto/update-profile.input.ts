import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsIanaTimeZone, Trim } from '../../common/validation/validators.js';

@InputType('UpdateProfileInput')
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 60)
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string | null;
}
