import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { NotificationKind } from '../notifications/notification-kind.js';
import { FanOutService } from '../notifications/fan-out.service.js';
import { ProcessorHost } from '../queues/processor-host.js';
import { QueueName } from '../queues/queue-name.js';
import { recoveringWorker } from '../queues/worker-options.js';
import { CAMPAIGN_END, CAMPAIGN_LIVE, EVENT_END, type LifecycleStep } from './lifecycle-jobs.js';
import { LifecycleRepository } from './lifecycle.repository.js';
import { RECONCILE, Reconciler } from './reconciler.service.js';

/** Campaigns go LIVE (and tell their community) and END; events END; the reconciler runs. */
@Processor(QueueName.Lifecycle, recoveringWorker)
export class LifecycleProcessor extends ProcessorHost {
  constructor(
    private readonly lifecycle: LifecycleRepository,
    private readonly fanOut: FanOutService,
    private readonly reconciler: Reconciler,
  ) {
    super();
  }

  async process(job: Job<LifecycleStep>): Promise<boolean> {
    const { id, at } = job.data;
    switch (job.name) {
      case CAMPAIGN_LIVE: {
        const community = await this.lifecycle.goLive(id, new Date(at));
        if (!community) return false;
        // Deliveries are keyed, so a retry tells each member once.
        await this.fanOut.fanOut({
          kind: NotificationKind.CAMPAIGN_LIVE,
          key: `live-${id}-${at}`,
          campaignId: id,
          audience: { community },
        });
        return true;
      }
      case CAMPAIGN_END:
        return this.lifecycle.endCampaign(id, new Date(at));
      case EVENT_END:
        return this.lifecycle.endEvent(id, new Date(at));
      case RECONCILE:
        return (await this.reconciler.reconcile()) >= 0;
      default:
        throw new Error(`Unknown lifecycle job ${job.name}`);
    }
  }
}
