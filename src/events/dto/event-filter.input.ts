import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsDate,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../common/validation/validators.js';
import { EventKind } from '../event.enums.js';

@InputType('GeoPointInput')
export class GeoPointInput {
  @Field(() => Float)
  @IsLatitude({ message: 'must be between -90 and 90' })
  latitude: number;

  @Field(() => Float)
  @IsLongitude({ message: 'must be between -180 and 180' })
  longitude: number;
}

export const MAX_RADIUS_KM = 20_000;

@InputType('EventFilter')
export class EventFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  communitySlug?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  campaignId?: string | null;

  @Field(() => [EventKind], { nullable: true })
  @IsOptional()
  @IsArray()
  @IsEnum(EventKind, { each: true })
  kinds?: EventKind[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  city?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as US' })
  country?: string | null;

  @Field(() => GeoPointInput, {
    nullable: true,
    description: 'With radiusKm: events whose venue lies within that distance.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  near?: GeoPointInput | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0.1, { message: `must be 0.1-${MAX_RADIUS_KM} km` })
  @Max(MAX_RADIUS_KM, { message: `must be 0.1-${MAX_RADIUS_KM} km` })
  radiusKm?: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Defaults to now: discovery shows what is still to come.',
  })
  @IsOptional()
  @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  to?: Date | null;
}
