import type { WorkerOptions } from 'bullmq';

/**
 * How fast a worker takes over the jobs of one that died, and comes back after Redis did.
 * A killed worker's jobs stay active until their lock expires (`lockDuration`, renewed every
 * half of it while the job runs); a stalled check (`stalledInterval`) then moves them back to
 * wait, so they run again within about lockDuration + 2 x stalledInterval instead of a minute
 * and a half with BullMQ's defaults. `runRetryDelay` is the pause after a lost connection,
 * 15 s by default. `maxStalledCount` lets a job survive a few crashes of its worker: every
 * processor is idempotent, and a job failed for stalling is never retried.
 */
export const recoveringWorker = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
  runRetryDelay: 1_000,
} satisfies Partial<WorkerOptions>;

/** The longest pause between two attempts to reach a Redis that went away. */
const MAX_RECONNECT_DELAY_MS = 1_000;

/**
 * When BullMQ's connections try Redis again after losing it: soon, and never less often than
 * every second. BullMQ's own default backs off exponentially to 20 s, so after an outage of
 * 20 s its workers came back up to 18 s after Redis did.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS);
}
