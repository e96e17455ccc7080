import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsIanaTimeZone, Trim } from '../../common/validation/validators.js';

export const normalizeEmail = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value,
);

@InputType('SignUpInput')
export class SignUpInput {
  @Field()
  @normalizeEmail
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email: string;

  @Field({ description: '3-30 of a-z, A-Z, 0-9, _ ; unique, case-insensitive.' })
  @Matches(/^[A-Za-z0-9_]{3,30}$/, { message: 'must be 3-30 of a-z, A-Z, 0-9 and _' })
  handle: string;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 60, { message: 'must be 1-60 characters' })
  displayName: string;

  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @Length(10, 256, { message: 'must be 10-256 characters' })
  password: string;

  @Field(() => String, { nullable: true, description: 'IANA zone; default UTC.' })
  @IsOptional()
  @IsIanaTimeZone()
  timezone?: string | null;
}
