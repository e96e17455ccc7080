import { registerEnumType } from '@nestjs/graphql';

export enum CommunityRole {
  OWNER = 'OWNER',
  ORGANIZER = 'ORGANIZER',
  MEMBER = 'MEMBER',
}

registerEnumType(CommunityRole, { name: 'CommunityRole' });

/** Organizers and owners run a community's campaigns and events. */
export function canOrganize(role: CommunityRole | null | undefined): boolean {
  return role === CommunityRole.OWNER || role === CommunityRole.ORGANIZER;
}
