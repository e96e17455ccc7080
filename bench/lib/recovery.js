import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from '../../dist/src/queues/queue-name.js';
import { startRedisServer } from './redis-server.js';
import { insertEvent, remindingCampaign, scheduleReminder } from './reminding.js';
import { startWorker } from './servers.js';
import { median } from './stats.js';

/** GOING members of each round's event: the work is small, the phase measures the comeback. */
const MEMBERS = 10;
/** How long after its scheduling, written during the outage, the reminder is due. */
const REMIND_IN_MS = 1000;
/** A round that has not sent its reminder this long after Redis answered fails the phase. */
const GIVE_UP_MS = 60_000;
/** What test/fault-injection-redis.e2e-spec.ts used to assert: recovered within 5 s. */
const TARGET_S = 5;
const POLL_MS = 50;

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Redis outage and recovery: the real worker (bench/worker.js, in a child process) runs on a
 * redis-server of the phase's own. Each round stops that Redis (SHUTDOWN SAVE: the worker's
 * connections are refused) for `outageSeconds`; meanwhile an event's reminder, due 1 s later,
 * is scheduled through the app's own scheduleEvent into the outbox. Then Redis starts again, and
 * the round measures from the moment it answers PING to the last notification of that reminder
 * in PostgreSQL, split at the moment the outbox relay deleted the row (the dispatch job in
 * BullMQ) and the moment a worker started the job. Returns the report's figures, checks and a
 * section of its own.
 */
export async function recoveryPhase({
  pool,
  env,
  prefix,
  memberIds,
  rounds,
  outageSeconds,
  cleanups,
  log,
  cpuProfileDir,
}) {
  const sql = async (text, values) => (await pool.query(text, values)).rows;
  const members = memberIds.slice(0, MEMBERS);

  log('recovery: starting a redis-server of its own and the worker (bench/worker.js) on it');
  const redis = await startRedisServer();
  cleanups.push(['recovery redis-server', () => redis.close()]);
  const queuePrefix = `${prefix}-recovery`;
  const worker = await startWorker(
    { ...env, REDIS_URL: redis.url, QUEUE_PREFIX: queuePrefix },
    { cpuProfileDir },
  );
  cleanups.push(['recovery worker', () => worker.close()]);
  const campaign = await remindingCampaign(pool, 'Bench recovery');

  /** Waits for the reminder's notifications, then reads what the round left behind. */
  const traced = async (round, eventId, jobId, t0) => {
    const deadline = t0 + GIVE_UP_MS;
    let relayedAt = NaN;
    for (;;) {
      const [{ held, sent }] = await sql(
        `SELECT (SELECT count(*) FROM outbox WHERE job_id = $2)::int AS held,
                (SELECT count(*) FROM notifications
                  WHERE event_id = $1 AND kind = 'EVENT_REMINDER')::int AS sent`,
        [eventId, jobId],
      );
      if (!held && Number.isNaN(relayedAt)) relayedAt = Date.now();
      if (sent >= members.length) break;
      if (Date.now() > deadline) {
        throw new Error(
          `recovery round ${round}: ${sent} of ${members.length} reminders sent ${s(GIVE_UP_MS)} after Redis answered again (outbox row ${held ? 'still there' : 'relayed'}): the worker did not recover`,
        );
      }
      await sleep(POLL_MS);
    }
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.Reminders, { connection, prefix: queuePrefix });
    try {
      const job = await queue.getJob(jobId);
      const [row] = await sql(
        `SELECT count(*)::int AS rows, count(DISTINCT member_id)::int AS members,
                count(*) FILTER (WHERE member_id <> ALL ($2::uuid[]))::int AS strangers,
                extract(epoch FROM max(created_at)) * 1000 AS last
           FROM notifications WHERE event_id = $1 AND kind = 'EVENT_REMINDER'`,
        [eventId, members],
      );
      return {
        rows: row.rows,
        members: row.members,
        strangers: row.strangers,
        starts: job?.attemptsStarted ?? 0,
        relayed: relayedAt - t0,
        pickedUp: (job?.processedOn ?? NaN) - t0,
        recovered: row.last - t0,
      };
    } finally {
      await queue.close();
      connection.disconnect();
    }
  };

  const results = [];
  for (let round = 1; round <= rounds; round++) {
    const eventId = await insertEvent(pool, campaign, `Bench recovery ${round}`, {
      going: members,
    });
    await redis.stop();
    const stoppedAt = Date.now();
    const { jobId } = await scheduleReminder(pool, campaign, eventId, REMIND_IN_MS);
    const [{ n: held }] = await sql('SELECT count(*)::int AS n FROM outbox WHERE job_id = $1', [
      jobId,
    ]);
    await sleep(stoppedAt + outageSeconds * 1000 - Date.now());
    const t0 = await redis.start();
    const result = { held, ...(await traced(round, eventId, jobId, t0)) };
    results.push(result);
    log(
      `recovery round ${round}/${rounds}: outbox row gone ${s(result.relayed)}, job started ${s(result.pickedUp)}, last notification ${s(result.recovered)} after Redis answered`,
    );
  }

  const recovered = results.map((r) => r.recovered);
  const most = Math.max(...recovered);
  const once = results.every(
    (r) => r.rows === members.length && r.members === members.length && r.strangers === 0,
  );
  const startedOnce = results.every((r) => r.starts === 1);
  const heldBack = results.every((r) => r.held === 1);
  const checks = [
    {
      name: "Recovery: each round's reminder, written during the outage, sent once to each member",
      ok: once && startedOnce && heldBack,
      detail: results
        .map(
          (r, i) =>
            `round ${i + 1}: ${r.held} outbox row during the outage, dispatch started ${r.starts} time(s), ${r.rows} rows to ${r.members} of ${members.length} members, ${r.strangers} to others`,
        )
        .join('; '),
    },
  ];
  const figures = [
    {
      id: '7',
      measure: `Redis down ${outageSeconds} s, then back: from its first PONG to the last notification of a reminder written during the outage (met when every round is within the target)`,
      subject: { text: `median ${s(median(recovered))}, max ${s(most)}` },
      ratio: median(recovered) / 1000,
      range: [Math.min(...recovered) / 1000, most / 1000],
      unit: 's',
      target: { op: '<=', value: TARGET_S },
      extraOk: most <= TARGET_S * 1000 && checks[0].ok,
    },
  ];
  const section = [
    '### Redis outage and recovery, every round (seconds after Redis answered PING again)',
    '',
    `Redis stopped for ${outageSeconds} s per round; a reminder to ${members.length} members, due 1 s after Redis went down, scheduled into the outbox meanwhile. Outbox row gone: the relay deleted it, having added the dispatch job to BullMQ (polled every ${POLL_MS} ms; the relay commits after the add, so this may come after the start); job started: a worker took it (\`processedOn\`); done: the last notification's \`created_at\`.`,
    '',
    '| Round | Outbox row gone | Job started | Done |',
    '| --- | --- | --- | --- |',
    ...results.map(
      (r, i) => `| ${i + 1} | ${s(r.relayed)} | ${s(r.pickedUp)} | ${s(r.recovered)} |`,
    ),
  ];
  return { figures, checks, section };
}
