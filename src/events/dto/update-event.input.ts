import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { CreateEventInput } from './create-event.input.js';

/** Absent fields stay as they are; an explicit null clears venue, onlineUrl or capacity. */
@InputType('UpdateEventInput')
export class UpdateEventInput extends PartialType(
  OmitType(CreateEventInput, ['campaignId', 'kind'] as const, InputType),
  InputType,
) {}
