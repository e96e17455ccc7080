import { Field, Float, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsLatitude, IsLongitude, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Trim } from '../../common/validation/validators.js';

@InputType('VenueInput')
export class VenueInput {
  @Field()
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'must be 1-200 characters' })
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(0, 500, { message: 'must be at most 500 characters' })
  address?: string | null;

  @Field()
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'must be 1-100 characters' })
  city: string;

  @Field()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as US' })
  country: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLatitude({ message: 'must be between -90 and 90' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude({ message: 'must be between -180 and 180' })
  longitude?: number | null;
}
