import { registerEnumType } from '@nestjs/graphql';

export enum SocialPlatform {
  X = 'X',
  BLUESKY = 'BLUESKY',
  MASTODON = 'MASTODON',
  THREADS = 'THREADS',
  INSTAGRAM = 'INSTAGRAM',
  TIKTOK = 'TIKTOK',
  YOUTUBE = 'YOUTUBE',
  OTHER = 'OTHER',
}

registerEnumType(SocialPlatform, { name: 'SocialPlatform' });
