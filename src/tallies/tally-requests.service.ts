import { setTimeout as sleep } from 'node:timers/promises';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queues/queue-name.js';
import { recomputeJob } from './tally-jobs.js';

/** How long requests gather in memory before they go to Redis in one round trip. */
const GATHER_MS = 50;
/** How long to wait before trying again when Redis refused them. */
const RETRY_MS = 1000;
/** How long shutdown waits for pending requests to reach Redis. */
const SHUTDOWN_WAIT_MS = 2000;

/**
 * Asks the tally worker to recompute campaigns whose counts a committed write may have moved.
 * Requests gather in memory for a moment and go to the queue together, one job per campaign
 * (the queue then coalesces across replicas). A write never waits for Redis: while Redis is
 * away the campaigns wait here (one entry each, however many writes), and a request lost with
 * the process is made good by the tally reconciler.
 */
@Injectable()
export class TallyRequests implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TallyRequests.name);
  private readonly pending = new Set<string>();
  private sending: Promise<void> | null = null;
  private closed = false;

  constructor(@InjectQueue(QueueName.Tallies) private readonly queue: Queue) {}

  request(campaignId: string): void {
    this.pending.add(campaignId);
    this.sendIn(GATHER_MS);
  }

  /** Resolves once what was requested so far is sent (or sending was given up). */
  async flush(): Promise<void> {
    while (!this.closed && (this.pending.size || this.sending)) {
      if (!this.sending) this.sendIn(0);
      await this.sending;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.race([this.flush(), sleep(SHUTDOWN_WAIT_MS, undefined, { ref: false })]);
    this.closed = true;
  }

  /** Starts sending in `ms` unless a send is under way or about to be. */
  private sendIn(ms: number): void {
    this.sending ??= sleep(ms, undefined, { ref: false })
      .then(() => this.send())
      .finally(() => {
        this.sending = null;
        // Requests that came while it was sent gather for a moment of their own: under a
        // steady stream of writes a replica sends once per GATHER_MS, not once per round trip.
        if (this.pending.size && !this.closed) this.sendIn(GATHER_MS);
      });
  }

  /** Sends what is pending; while Redis refuses, tries again with what has come since. */
  private async send(): Promise<void> {
    while (this.pending.size && !this.closed) {
      const campaignIds = [...this.pending];
      this.pending.clear();
      try {
        await this.queue.addBulk(campaignIds.map(recomputeJob));
        return;
      } catch (error) {
        for (const id of campaignIds) this.pending.add(id);
        this.logger.warn(
          `${campaignIds.length} tally requests wait for Redis: ${error instanceof Error ? error.message : String(error)}`,
        );
        await sleep(RETRY_MS, undefined, { ref: false });
      }
    }
  }
}
