import { Field, InputType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { normalizeEmail } from './sign-up.input.js';

@InputType('LogInInput')
export class LogInInput {
  @Field()
  @normalizeEmail
  @IsString()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MaxLength(256)
  password: string;
}
