import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { RECONCILE } from '../../dist/src/lifecycle/reconciler.service.js';
import { QueueName } from '../../dist/src/queues/queue-name.js';
import { defaultJobOptions } from '../../dist/src/queues/queues.module.js';
import { cpuMeter } from './cpu.js';
import { REDIS_URL } from './database.js';
import { insertEvent, remindingCampaign, scheduleReminder } from './reminding.js';
import { startWorker } from './servers.js';
import { median } from './stats.js';

/** How long after its scheduling the reminder is due (the outbox relay's time included). */
const SCHEDULE_LEAD_MS = 4000;
/** The bare baseline's jobs are all added before this much time has passed, or the bench fails. */
const BARE_LEAD_MS = 12_000;
const ADD_CHUNK = 1000;
/** Members of the event who must get nothing: waitlisted, and who left. */
const BYSTANDERS = 1000;
const DRAIN_TIMEOUT_MS = 180_000;
/** The worker's start-up work is done within this, or the phase fails. */
const START_UP_TIMEOUT_MS = 60_000;
const POLL_MS = 100;
/** Where the members live: each reads the start in their own zone. */
const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'Asia/Kolkata',
];
/** What a job may be doing before it is finished: pending, in BullMQ's words. */
const PENDING = ['wait', 'delayed', 'prioritized', 'waiting-children', 'active', 'paused'];

const kib = (pid, field) =>
  Number(new RegExp(`^${field}:\\s*(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`))?.[1]);

/**
 * The worker's peak resident memory since the last reset (VmHWM), in MB; resetting writes 5 to
 * /proc/<pid>/clear_refs (Linux 4.0+), so each round measures its own peak.
 */
function peakMemory(pid) {
  let resettable = true;
  return {
    reset() {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
      } catch {
        resettable = false; // then the peak is the process's whole life's
      }
    },
    read: () => ({ mb: kib(pid, 'VmHWM') / 1024, sinceStart: !resettable }),
  };
}

const count = (list) => list.reduce((sum, n) => sum + n, 0);
async function pendingJobs(queues) {
  const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...PENDING)));
  return count(counts.map((c) => count(Object.values(c))));
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Reminder fan-out: the real worker (bench/worker.js: createWorker from dist/, in a child
 * process) reminds `participants` GOING members of one event, scheduled through the app's own
 * scheduleEvent and outbox relay; the baseline is a bare BullMQ Worker in this process draining
 * as many no-op jobs, all due at one instant. Rounds alternate (app, bare; bare, app; ...).
 * Returns the report's figures, checks and a section of its own.
 */
export async function fanoutPhase({
  pool,
  env,
  database,
  prefix,
  memberIds,
  rounds,
  participants,
  bareConcurrency,
  cleanups,
  log,
  cpuProfileDir,
}) {
  const sql = async (text, values) => (await pool.query(text, values)).rows;
  if (memberIds.length < participants + 2 * BYSTANDERS) {
    throw new Error(
      `The fan-out needs ${participants + 2 * BYSTANDERS} members; raise BENCH_PLAIN_MEMBERS`,
    );
  }
  const recipients = memberIds.slice(0, participants);
  const waitlisted = memberIds.slice(participants, participants + BYSTANDERS);
  const left = memberIds.slice(participants + BYSTANDERS, participants + 2 * BYSTANDERS);

  log(`fanout: ${participants} members in ${ZONES.length} time zones, a live campaign`);
  await sql(
    `UPDATE members SET timezone = ($2::text[])[1 + abs(hashtext(id::text)) % cardinality($2::text[])]
      WHERE id = ANY($1::uuid[])`,
    [recipients, ZONES],
  );
  const campaign = await remindingCampaign(pool, 'Bench fan-out');
  const createEvent = (title, going, bystanders) =>
    insertEvent(pool, campaign, title, bystanders ? { going, waitlisted, left } : { going });

  const connections = [];
  const redis = () => {
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(connection);
    return connection;
  };
  cleanups.push(['fan-out connections', () => connections.forEach((c) => c.disconnect())]);
  const queues = Object.fromEntries(
    Object.values(QueueName).map((name) => [
      name,
      new Queue(name, { connection: redis(), prefix }),
    ]),
  );
  const allQueues = Object.values(queues);

  const awaitFor = async (what, deadline, probe) => {
    for (;;) {
      const found = await probe();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`fanout: gave up waiting for ${what}`);
      await sleep(POLL_MS);
    }
  };

  /** Schedules an event's reminders; returns the dispatch job and the jobs it took. */
  const scheduled = async (eventId, remindInMs) => {
    const before = await pendingJobs(allQueues);
    const { jobId } = await scheduleReminder(pool, campaign, eventId, remindInMs);
    const job = await awaitFor('the outbox relay', Date.now() + 10_000, async () => {
      const [{ n }] = await sql('SELECT count(*)::int AS n FROM outbox');
      return n === 0 ? queues[QueueName.Reminders].getJob(jobId) : null;
    });
    const jobs = (await pendingJobs(allQueues)) - before;
    return { job, jobs, countedBeforeDue: Date.now() < job.data.dueAt };
  };

  log('fanout: starting the worker (bench/worker.js)');
  const startedAt = Date.now();
  const worker = await startWorker(env, { cpuProfileDir });
  cleanups.push(['worker', () => worker.close()]);
  const memory = peakMemory(worker.pid);
  // Its start-up work: the reconciler's first pass over the fixtures' events (its job
  // scheduler's first job), and the lifecycle jobs that pass found due. No start before both.
  const lifecycle = queues[QueueName.Lifecycle];
  await awaitFor("the reconciler's first pass", Date.now() + START_UP_TIMEOUT_MS, async () => {
    const finished = await lifecycle.getJobs(['completed']);
    const reconciled = finished.some(
      (job) => job.name === RECONCILE && job.finishedOn >= startedAt,
    );
    const busy = await lifecycle.getJobCounts('wait', 'active', 'prioritized');
    return reconciled && count(Object.values(busy)) === 0;
  });

  // The same scheduling for an event of one participant, due long after the phase.
  const small = await scheduled(
    await createEvent('Bench fan-out, one member', [recipients[0]]),
    600_000,
  );

  const app = async (round) => {
    const eventId = await createEvent(`Bench fan-out ${round}`, recipients, true);
    await sql('ANALYZE participations');
    const { job, jobs, countedBeforeDue } = await scheduled(eventId, SCHEDULE_LEAD_MS);
    const { dueAt } = job.data;
    memory.reset();
    await sleep(Math.max(0, dueAt - Date.now() - 200));
    const stop = cpuMeter({ serverPid: worker.pid, database });
    await awaitFor('the fan-out to drain', dueAt + DRAIN_TIMEOUT_MS, async () => {
      const dispatch = await queues[QueueName.Reminders].getJob(job.id);
      if (dispatch?.failedReason && !dispatch.finishedOn) {
        log(`  fanout: dispatch attempt failed: ${dispatch.failedReason}`);
      }
      if (!dispatch?.finishedOn) return false;
      return (await pendingJobs([queues[QueueName.Notifications]])) === 0;
    });
    const cpu = stop();
    const peak = memory.read();
    const [row] = await sql(
      `SELECT count(*)::int AS rows, count(DISTINCT member_id)::int AS members,
              count(*) FILTER (WHERE member_id <> ALL ($2::uuid[]))::int AS strangers,
              extract(epoch FROM min(created_at)) * 1000 AS first,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM created_at) * 1000)
                AS median,
              extract(epoch FROM max(created_at)) * 1000 AS last
         FROM notifications WHERE event_id = $1 AND kind = 'EVENT_REMINDER'`,
      [eventId, recipients],
    );
    return {
      dueAt,
      jobs,
      countedBeforeDue,
      rows: row.rows,
      members: row.members,
      strangers: row.strangers,
      first: row.first - dueAt,
      median: row.median - dueAt,
      last: row.last - dueAt,
      peakMb: peak.mb,
      peakSinceStart: peak.sinceStart,
      workerCpuMs: cpu.serverMs,
      postgresCpuMs: cpu.postgresMs,
    };
  };

  const bare = async (round) => {
    const name = `bare-${round}`;
    const barePrefix = `${prefix}-bare`;
    const queue = new Queue(name, { connection: redis(), prefix: barePrefix, defaultJobOptions });
    const lateness = new Float64Array(participants);
    let done = 0;
    let drained;
    const all = new Promise((resolve) => (drained = resolve));
    const noop = new Worker(name, async () => null, {
      connection: redis(),
      prefix: barePrefix,
      concurrency: bareConcurrency,
    });
    noop.on('completed', (job) => {
      lateness[done++] = Date.now() - job.data.dueAt;
      if (done === participants) drained();
    });
    await noop.waitUntilReady();
    const dueAt = Date.now() + BARE_LEAD_MS;
    for (let from = 0; from < participants; from += ADD_CHUNK) {
      const size = Math.min(ADD_CHUNK, participants - from);
      await queue.addBulk(
        Array.from({ length: size }, (_, i) => ({
          name: 'noop',
          data: { dueAt, i: from + i },
          opts: { jobId: `noop-${round}-${from + i}`, delay: Math.max(0, dueAt - Date.now()) },
        })),
      );
    }
    const spare = dueAt - Date.now();
    if (spare < 500) {
      throw new Error(`fanout: adding the bare jobs took until ${spare} ms before their due time`);
    }
    await sleep(spare - 200);
    const stop = cpuMeter({ database });
    // Unreferenced: once the drain has won the race, this timer must not keep the bench alive.
    const timeout = sleep(DRAIN_TIMEOUT_MS, undefined, { ref: false }).then(() => {
      throw new Error(`fanout: the bare drain did not finish (${done} of ${participants})`);
    });
    await Promise.race([all, timeout]);
    const cpu = stop();
    await noop.close();
    await queue.obliterate({ force: true });
    await queue.close();
    lateness.sort();
    return {
      first: lateness[0],
      median: median([...lateness]),
      last: lateness[participants - 1],
      benchCpuMs: cpu.benchMs,
    };
  };

  const results = [];
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? ['app', 'bare'] : ['bare', 'app'];
    const result = {};
    for (const variant of order) {
      await sleep(500);
      result[variant] = variant === 'app' ? await app(round) : await bare(round);
      const r = result[variant];
      log(
        `fanout round ${round}/${rounds}: ${variant}: first ${s(r.first)}, median ${s(r.median)}, last ${s(r.last)} after due` +
          (variant === 'app'
            ? `; ${r.rows} rows, ${r.jobs} jobs to schedule, peak ${r.peakMb.toFixed(0)} MB`
            : ''),
      );
    }
    results.push(result);
  }

  const apps = results.map((r) => r.app);
  const bares = results.map((r) => r.bare);
  const of = (list, key) => median(list.map((r) => r[key]));
  const range = (values) => ({
    ratio: median(values),
    range: [Math.min(...values), Math.max(...values)],
  });
  const complete = apps.every(
    (r) => r.rows === participants && r.members === participants && r.strangers === 0,
  );
  const jobsCheck = apps.every((r) => r.jobs === small.jobs && r.countedBeforeDue);
  const checks = [
    {
      name: `Fan-out: every GOING member reminded once, no one else`,
      ok: complete,
      detail: apps
        .map(
          (r, i) =>
            `round ${i + 1}: ${r.rows} rows, ${r.members} members of ${participants}, ${r.strangers} to the ${2 * BYSTANDERS} waitlisted or gone`,
        )
        .join('; '),
    },
    {
      name: 'Fan-out: scheduling costs the same jobs at 1 and at 100,000 participants',
      ok: small.jobs > 0 && jobsCheck,
      detail: `${small.jobs} jobs for an event of 1 participant; ${apps.map((r) => r.jobs).join(', ')} for ${participants} (counted before the reminder was due: ${apps.every((r) => r.countedBeforeDue) ? 'yes' : 'NO'})`,
    },
  ];
  const subjectText = (r) => `last ${s(r.last)}<br>first ${s(r.first)}, p50 ${s(r.median)}`;
  const medianOf = (list) => ({
    first: of(list, 'first'),
    median: of(list, 'median'),
    last: of(list, 'last'),
  });
  const count100k = participants.toLocaleString('en-US');
  const figures = [
    {
      id: '5a',
      measure: `Reminder fan-out to ${count100k} GOING members, last notification after due / bare BullMQ: ${count100k} no-op jobs, last done after due (aim: 1.5×)`,
      subject: { text: subjectText(medianOf(apps)) },
      baseline: { text: subjectText(medianOf(bares)) },
      ...range(apps.map((r, i) => r.last / bares[i].last)),
      unit: '× time',
      target: { op: '<=', value: 2 },
      extraOk: complete,
    },
    {
      id: '5b',
      measure: 'Reminder fan-out, first notification after due',
      subject: { text: s(of(apps, 'first')) },
      ...range(apps.map((r) => r.first / 1000)),
      unit: 's',
      target: { op: '<=', value: 1 },
    },
    {
      id: '5c',
      measure: 'Reminder fan-out, steady drain: median lateness / maximum lateness',
      subject: { text: `${s(of(apps, 'median'))} / ${s(of(apps, 'last'))}` },
      ...range(apps.map((r) => r.median / r.last)),
      unit: '×',
      target: { op: '<=', value: 0.7 },
    },
    {
      id: '5d',
      measure: `Jobs added to BullMQ by scheduling an event's reminders (${count100k} participants; the same at 1)`,
      subject: { text: `${apps[0].jobs}` },
      ...range(apps.map((r) => r.jobs)),
      unit: 'jobs',
      target: { op: '<=', value: 3 },
      extraOk: checks[1].ok,
    },
    {
      id: '5e',
      measure: 'Worker peak resident memory (VmHWM) during a fan-out',
      subject: { text: `${Math.max(...apps.map((r) => r.peakMb)).toFixed(0)} MB` },
      ratio: Math.max(...apps.map((r) => r.peakMb)),
      range: [Math.min(...apps.map((r) => r.peakMb)), Math.max(...apps.map((r) => r.peakMb))],
      unit: 'MB',
      target: { op: '<=', value: 300 },
    },
  ];

  const section = [
    '### Reminder fan-out, every round (seconds after the due time)',
    '',
    `${participants} GOING members (plus ${BYSTANDERS} waitlisted and ${BYSTANDERS} gone) of one event, ${rounds} rounds, app and bare in alternating order; the bare worker runs ${bareConcurrency} jobs at once. CPU: seconds of CPU from the due time to the last notification (the worker process; the PostgreSQL backends of the bench database) or the last no-op job (this process).${apps.some((r) => r.peakSinceStart) ? ' Peak memory could not be reset per round: it is the worker process’s since its start.' : ''}`,
    '',
    '| Round | Variant | First | Median | Last | Worker peak | CPU worker | CPU PostgreSQL | CPU bench |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  results.forEach(({ app: a, bare: b }, i) => {
    section.push(
      `| ${i + 1} | app: reminder fan-out | ${s(a.first)} | ${s(a.median)} | ${s(a.last)} | ${a.peakMb.toFixed(0)} MB | ${s(a.workerCpuMs)} | ${s(a.postgresCpuMs)} | — |`,
      `| ${i + 1} | bare BullMQ: no-op jobs | ${s(b.first)} | ${s(b.median)} | ${s(b.last)} | — | — | — | ${s(b.benchCpuMs)} |`,
    );
  });
  return { figures, checks, section };
}
