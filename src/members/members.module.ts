import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MemberEntity } from './member.entity.js';
import { MembersRepository } from './members.repository.js';
import { MembersService } from './members.service.js';
import { ViewerResolver } from './viewer.resolver.js';

export const memberResolvers = [ViewerResolver];

@Module({
  imports: [TypeOrmModule.forFeature([MemberEntity])],
  providers: [MembersRepository, MembersService, ...memberResolvers],
  exports: [MembersRepository, MembersService],
})
export class MembersModule {}
