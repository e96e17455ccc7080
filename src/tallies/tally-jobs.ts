import type { JobsOptions } from 'bullmq';

export const RECOMPUTE = 'recompute';
export const RECONCILE_TALLIES = 'reconcile-tallies';
/** How long a first request waits for others to join it: at most ~2 recomputes a second. */
export const TALLY_DEBOUNCE_MS = 500;
/** How often every running campaign's tally is recomputed whatever was requested. */
export const RECONCILE_TALLIES_EVERY_MS = 60_000;

export interface RecomputeTally {
  campaignId: string;
}

/**
 * The recompute job of one campaign. Requests are deduplicated by campaign while one waits
 * (it has not read the rows yet, so it counts their changes too); a request that arrives while
 * it runs is kept and starts one more run when it finishes, so two never run side by side.
 */
export function recomputeJob(campaignId: string): {
  name: string;
  data: RecomputeTally;
  opts: JobsOptions;
} {
  return {
    name: RECOMPUTE,
    data: { campaignId },
    opts: {
      delay: TALLY_DEBOUNCE_MS,
      deduplication: { id: `tally-${campaignId}`, keepLastIfActive: true },
      removeOnComplete: true,
    },
  };
}
