import type { Queue } from 'bullmq';
import type { QueueName } from '../queues/queue-name.js';
import type { OutboxJob } from './outbox-job.js';

/** Adds jobs to their queues, one addBulk per queue, delayed until each job's runAt. */
export async function addJobs(
  queueOf: (name: QueueName) => Queue,
  jobs: OutboxJob[],
  now = Date.now(),
): Promise<void> {
  const byQueue = new Map<QueueName, OutboxJob[]>();
  for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
  await Promise.all(
    [...byQueue].map(([name, queued]) =>
      queueOf(name).addBulk(
        queued.map((job) => ({
          name: job.name,
          data: job.data,
          opts: { jobId: job.jobId, delay: Math.max(0, (job.runAt?.getTime() ?? now) - now) },
        })),
      ),
    ),
  );
}
