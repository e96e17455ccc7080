import { Module } from '@nestjs/common';
import { Clock } from '../common/time/clock.js';
import { MembersModule } from '../members/members.module.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';

export const authResolvers = [AuthResolver];

@Module({
  imports: [MembersModule],
  providers: [AuthService, ...authResolvers, PasswordHasher, TokenService, Clock],
  exports: [TokenService],
})
export class AuthModule {}
