import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../common/validation/validators.js';
import { HASHTAG, HASHTAG_MESSAGE } from '../../communities/dto/create-community.input.js';
import { CampaignGoalInput } from './campaign-goal.input.js';

/** Validation shared by the create and update inputs, property by property. */
export const campaignRules = {
  title: [Trim(), IsString(), Length(1, 200, { message: 'must be 1-200 characters' })],
  description: [
    IsOptional(),
    Trim(),
    IsString(),
    Length(0, 5000, { message: 'must be at most 5000 characters' }),
  ],
  hashtags: [
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? [...new Set(value)] : value,
    ),
    IsArray(),
    ArrayMaxSize(10, { message: 'must be at most 10' }),
    Matches(HASHTAG, { each: true, message: `each ${HASHTAG_MESSAGE}` }),
  ],
  date: [IsDate()],
  goal: [IsOptional(), ValidateNested(), Type(() => CampaignGoalInput)],
  reminderOffsetsMinutes: [
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? [...new Set(value)].sort((a, b) => Number(b) - Number(a)) : value,
    ),
    IsArray(),
    ArrayMaxSize(5, { message: 'must have at most 5 distinct values' }),
    IsInt({ each: true }),
    Min(0, { each: true, message: 'must be 0-43200 minutes each' }),
    Max(43200, { each: true, message: 'must be 0-43200 minutes each' }),
  ],
} satisfies Record<string, PropertyDecorator[]>;

/** Applies a list of property decorators as one. */
export function Rules(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}
