import { getQueueToken } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { QueueName } from '../queues/queue-name.js';
import { addJobs } from './add-jobs.js';

interface OutboxRow {
  id: string;
  queue: QueueName;
  name: string;
  job_id: string;
  data: object;
  run_at: Date;
}

const BATCH = 500;
const IDLE_POLL_MS = 1000;
const ADD_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * Moves outbox rows into BullMQ and deletes them once added, in one transaction per batch: a
 * crash or a Redis outage leaves the rows for the next try, and deterministic job ids make a
 * repeated add harmless. Wakes on the outbox's NOTIFY, and polls in case one was missed.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private listener: pg.Client | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: () => void = () => undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const name of Object.values(QueueName)) {
      this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    }
    this.listener = new pg.Client({ connectionString: this.config.database.url });
    this.listener.on('notification', () => this.wake());
    this.listener.on('error', (error) => this.logger.warn(`outbox listener: ${error.message}`));
    await this.listener.connect();
    await this.listener.query('LISTEN outbox');
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Relays one batch; returns how many jobs it moved. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxRow[]>(
        `SELECT id, queue, name, job_id, data, run_at FROM outbox
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return 0;
      await withTimeout(
        addJobs(
          (name) => this.queueOf(name),
          rows.map((row) => ({
            queue: row.queue,
            name: row.name,
            jobId: row.job_id,
            data: row.data,
            runAt: row.run_at,
          })),
        ),
        ADD_TIMEOUT_MS,
      );
      await manager.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }

  private queueOf(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No queue ${name}`);
    return queue;
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.relayOnce();
        backoff = 0;
      } catch (error) {
        backoff = Math.min(MAX_BACKOFF_MS, Math.max(250, backoff * 2));
        this.logger.warn(`outbox relay paused ${backoff} ms: ${(error as Error).message}`);
      }
      if (moved === BATCH && !backoff) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff || IDLE_POLL_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Redis in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
