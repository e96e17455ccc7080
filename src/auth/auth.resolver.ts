import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { RateLimit } from '../common/rate-limit/rate-limit.decorator.js';
import { AuthPayload } from './auth-payload.model.js';
import { AuthService, type Session } from './auth.service.js';
import { LogInInput } from './dto/log-in.input.js';
import { SignUpInput } from './dto/sign-up.input.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload)
  @RateLimit('auth')
  signUp(@Args('input') input: SignUpInput): Promise<Session> {
    return this.auth.signUp(input);
  }

  @Mutation(() => AuthPayload)
  @RateLimit('auth')
  logIn(@Args('input') input: LogInInput): Promise<Session> {
    return this.auth.logIn(input);
  }
}
