import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { ProcessorHost } from '../queues/processor-host.js';
import { QueueName } from '../queues/queue-name.js';
import { recoveringWorker } from '../queues/worker-options.js';
import { REDIS } from '../redis/redis.tokens.js';
import { campaignTally, tallyChannel } from './campaign-tally.js';
import { TalliesRepository } from './tallies.repository.js';
import { RECOMPUTE, RECONCILE_TALLIES, recomputeJob, type RecomputeTally } from './tally-jobs.js';

const RECONCILE_CHUNK = 1000;

/**
 * Recomputes campaigns' tallies from the rows (a job run twice, or killed midway, stores the
 * same exact counts), pushes each changed tally to its subscribers on every API replica, and
 * periodically requests a recompute of every campaign still running.
 */
@Processor(QueueName.Tallies, { ...recoveringWorker, concurrency: 2 })
export class TalliesProcessor extends ProcessorHost {
  constructor(
    private readonly tallies: TalliesRepository,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(QueueName.Tallies) private readonly queue: Queue,
  ) {
    super();
  }

  async process(job: Job<RecomputeTally>): Promise<boolean | number> {
    switch (job.name) {
      case RECOMPUTE:
        return this.recompute(job.data.campaignId);
      case RECONCILE_TALLIES:
        return this.reconcile();
      default:
        throw new Error(`Unknown tallies job ${job.name}`);
    }
  }

  /** Returns whether a count moved. */
  async recompute(campaignId: string): Promise<boolean> {
    const tally = await this.tallies.compute(campaignId);
    const stored = await this.tallies.store(tally);
    if (!stored?.changed) return false;
    await this.redis
      .publish(
        tallyChannel(this.config.redis.queuePrefix, campaignId),
        JSON.stringify(campaignTally(tally, stored)),
      )
      .catch((error: Error) =>
        this.logger.warn(`tally of ${campaignId} not pushed: ${error.message}`),
      );
    return true;
  }

  /** Requests a recompute of every running campaign; returns how many. */
  private async reconcile(): Promise<number> {
    const campaignIds = await this.tallies.runningCampaignIds();
    for (let i = 0; i < campaignIds.length; i += RECONCILE_CHUNK) {
      await this.queue.addBulk(campaignIds.slice(i, i + RECONCILE_CHUNK).map(recomputeJob));
    }
    return campaignIds.length;
  }
}
