import { Injectable } from '@nestjs/common';
import type { UpdateProfileInput } from './dto/update-profile.input.js';
import type { MemberEntity } from './member.entity.js';
import { MemberGoneError } from './members.errors.js';
import { MembersRepository } from './members.repository.js';
import type { Viewer } from './viewer.model.js';

export function toViewer(member: MemberEntity): Viewer {
  return { member, email: member.email };
}

@Injectable()
export class MembersService {
  constructor(private readonly members: MembersRepository) {}

  async viewer(memberId: string): Promise<Viewer | null> {
    const member = await this.members.findById(memberId);
    return member && toViewer(member);
  }

  async updateProfile(memberId: string, input: UpdateProfileInput): Promise<Viewer> {
    const member = await this.members.update(memberId, {
      ...(input.displayName != null && { displayName: input.displayName }),
      ...(input.timezone != null && { timezone: input.timezone }),
    });
    if (!member) throw new MemberGoneError();
    return toViewer(member);
  }
}
