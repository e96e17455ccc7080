import { Injectable } from '@nestjs/common';
import type { Viewer } from '../members/viewer.model.js';
import { InvalidCredentialsError } from '../members/members.errors.js';
import { MembersRepository } from '../members/members.repository.js';
import { toViewer } from '../members/members.service.js';
import type { LogInInput } from './dto/log-in.input.js';
import type { SignUpInput } from './dto/sign-up.input.js';
import { PasswordHasher } from './password-hasher.js';
import { TokenService, type IssuedToken } from './token.service.js';

export interface Session extends IssuedToken {
  viewer: Viewer;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly members: MembersRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async signUp(input: SignUpInput): Promise<Session> {
    const member = await this.members.insert({
      email: input.email,
      handle: input.handle,
      displayName: input.displayName,
      timezone: input.timezone ?? 'UTC',
      passwordHash: await this.passwords.hash(input.password),
    });
    return { ...this.tokens.issue(member.id), viewer: toViewer(member) };
  }

  async logIn(input: LogInInput): Promise<Session> {
    const member = await this.members.findWithPasswordByEmail(input.email);
    if (!(await this.passwords.verify(member?.passwordHash, input.password)) || !member) {
      throw new InvalidCredentialsError();
    }
    return { ...this.tokens.issue(member.id), viewer: toViewer(member) };
  }
}
