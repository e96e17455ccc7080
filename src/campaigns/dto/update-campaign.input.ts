import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { CreateCampaignInput } from './create-campaign.input.js';

/** Absent fields stay as they are; an explicit null goal removes the goal. */
@InputType('UpdateCampaignInput')
export class UpdateCampaignInput extends PartialType(
  OmitType(CreateCampaignInput, ['communityId', 'kind'] as const, InputType),
  InputType,
) {}
