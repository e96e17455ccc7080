import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsIanaTimeZone } from '../../common/validation/validators.js';
import { VenueInput } from './venue.input.js';

export const MAX_CAPACITY = 1_000_000;

/** Validation shared by the create and update inputs of events. */
export const eventRules = {
  timezone: [IsIanaTimeZone()],
  venue: [IsOptional(), ValidateNested(), Type(() => VenueInput)],
  onlineUrl: [
    IsOptional(),
    MaxLength(2048),
    IsUrl(
      { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
      { message: 'must be an http(s) URL' },
    ),
  ],
  capacity: [
    IsOptional(),
    IsInt(),
    Min(1, { message: `must be 1-${MAX_CAPACITY} or null for unlimited` }),
    Max(MAX_CAPACITY, { message: `must be 1-${MAX_CAPACITY} or null for unlimited` }),
  ],
} satisfies Record<string, PropertyDecorator[]>;
