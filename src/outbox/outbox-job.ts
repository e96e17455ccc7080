import type { EntityManager } from 'typeorm';
import type { QueueName } from '../queues/queue-name.js';

/** A BullMQ job to add once the write that wants it commits. */
export interface OutboxJob<T extends object = object> {
  queue: QueueName;
  name: string;
  /** Deterministic, without ':' (BullMQ refuses it): adding the same job twice is harmless. */
  jobId: string;
  data: T;
  /** When it should run; now when absent. */
  runAt?: Date;
}

/** Writes jobs to the outbox inside the caller's transaction. */
export async function enqueue(manager: EntityManager, jobs: OutboxJob[]): Promise<void> {
  if (!jobs.length) return;
  await manager.query(
    `INSERT INTO outbox (queue, name, job_id, data, run_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
    [
      jobs.map((job) => job.queue),
      jobs.map((job) => job.name),
      jobs.map((job) => job.jobId),
      jobs.map((job) => JSON.stringify(job.data)),
      jobs.map((job) => (job.runAt ?? new Date()).toISOString()),
    ],
  );
}
