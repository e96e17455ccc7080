import { findByIds } from '../database/find-by-ids.js';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { uniqueViolation } from '../database/unique-violation.js';
import { MemberEntity } from './member.entity.js';
import { EmailTakenError, HandleTakenError } from './members.errors.js';

export interface NewMember {
  email: string;
  handle: string;
  displayName: string;
  timezone: string;
  passwordHash: string;
}

const takenErrors: Record<string, () => Error> = {
  members_email_key: () => new EmailTakenError(),
  members_handle_key: () => new HandleTakenError(),
};

@Injectable()
export class MembersRepository {
  constructor(@InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>) {}

  async insert(member: NewMember): Promise<MemberEntity> {
    try {
      const inserted = await this.members
        .createQueryBuilder()
        .insert()
        .values(member)
        .returning(['id', 'email', 'handle', 'displayName', 'timezone', 'createdAt'])
        .execute();
      return this.members.create(inserted.generatedMaps[0] as MemberEntity);
    } catch (error) {
      const taken = takenErrors[uniqueViolation(error) ?? ''];
      throw taken ? taken() : error;
    }
  }

  findById(id: string): Promise<MemberEntity | null> {
    return this.members.findOneBy({ id });
  }

  /** Batch look-up by id for DataLoader, in the order asked; null for a missing id. */
  /** Members by id, for DataLoader; null where none. */
  readonly findByIds = findByIds(this.members);

  findWithPasswordByEmail(email: string): Promise<MemberEntity | null> {
    return this.members
      .createQueryBuilder('member')
      .addSelect('member.passwordHash')
      .where('lower(member.email) = lower(:email)', { email })
      .getOne();
  }

  async update(
    id: string,
    changes: Partial<Pick<MemberEntity, 'displayName' | 'timezone'>>,
  ): Promise<MemberEntity | null> {
    if (Object.keys(changes).length) {
      await this.members.update({ id }, changes);
    }
    return this.findById(id);
  }
}
