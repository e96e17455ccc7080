import { InvalidInputError } from '../common/errors/app-error.js';
import { isId } from '../common/graphql/ids.js';
import type { EventFilter } from './dto/event-filter.input.js';
import type { Discovery } from './events.repository.js';

/** A no-match campaign id, so an id that cannot exist finds nothing. */
const NO_CAMPAIGN = '00000000-0000-0000-0000-000000000000';

/** The discovery query a filter asks for: from defaults to now; near goes with radiusKm. */
export function discoveryOf(filter: Partial<EventFilter>, now = new Date()): Discovery {
  if ((filter.near == null) !== (filter.radiusKm == null)) {
    throw new InvalidInputError(
      ['near', 'radiusKm'].map((field) => ({ field, message: 'give near and radiusKm together' })),
    );
  }
  const from = filter.from ?? now;
  if (filter.to && filter.to <= from) throw InvalidInputError.of('to', 'must be after from');
  return {
    communitySlug: filter.communitySlug,
    campaignId: filter.campaignId && (isId(filter.campaignId) ? filter.campaignId : NO_CAMPAIGN),
    kinds: filter.kinds,
    city: filter.city,
    country: filter.country,
    near:
      filter.near && filter.radiusKm != null ? { ...filter.near, radiusKm: filter.radiusKm } : null,
    from,
    to: filter.to,
  };
}
