import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { ProcessorHost } from '../queues/processor-host.js';
import { QueueName } from '../queues/queue-name.js';
import { recoveringWorker } from '../queues/worker-options.js';
import { DISPATCH_REMINDER, type DispatchReminder } from './reminder-jobs.js';
import { ReminderDispatcher } from './reminder-dispatcher.service.js';

@Processor(QueueName.Reminders, recoveringWorker)
export class RemindersProcessor extends ProcessorHost {
  constructor(private readonly dispatcher: ReminderDispatcher) {
    super();
  }

  process(job: Job<DispatchReminder>): Promise<number> {
    switch (job.name) {
      case DISPATCH_REMINDER:
        return this.dispatcher.dispatch(job.data);
      default:
        throw new Error(`Unknown reminders job ${job.name}`);
    }
  }
}
