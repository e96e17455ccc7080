import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsUrl, MaxLength } from 'class-validator';
import { SocialPlatform } from '../social-platform.js';

/** One spelling per post: the URL as the WHATWG parser normalizes it (host lower-cased…). */
function normalizeUrl(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return new URL(value.trim()).toString();
  } catch {
    return value;
  }
}

@InputType('ReportPostInput')
export class ReportPostInput {
  @Field(() => ID)
  campaignId: string;

  @Field(() => SocialPlatform)
  @IsEnum(SocialPlatform)
  platform: SocialPlatform;

  @Field({ description: "http(s) URL of the member's own post; one report per URL." })
  @Transform(({ value }: { value: unknown }) => normalizeUrl(value))
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'must be an http(s) URL' },
  )
  url: string;
}
