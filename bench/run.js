// FanRally's benchmark suite: `npm run bench` (builds, then runs this file against dist/).
// Every figure is a ratio to a baseline measured in the same run, interleaved round by round
// (A, B, B, A, A, B...), and the median of the rounds' ratios. Progress goes to stderr; the
// Markdown report (docs/BENCHMARKS.md's generated part) goes to stdout. Settings: BENCH_ROUNDS,
// BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_POOL_SIZE, BENCH_TOKEN_MEMBERS, BENCH_PLAIN_MEMBERS,
// BENCH_PHASES, BENCH_CPU_PROF (a directory: profile the app with --cpu-prof),
// BENCH_FANOUT_ROUNDS, BENCH_FANOUT_PARTICIPANTS, BENCH_FANOUT_BARE_CONCURRENCY,
// BENCH_RECOVERY_ROUNDS, BENCH_RECOVERY_OUTAGE_SECONDS,
// BENCH_POSTGRES_URL, BENCH_REDIS_URL (local servers only).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { AppConfig } from '../dist/src/config/app-config.js';
import { TokenService } from '../dist/src/auth/token.service.js';
import { bareJoins, JOIN_STATEMENTS } from './lib/bare.js';
import { cannon } from './lib/cannon.js';
import {
  createBenchDatabase,
  createFixtures,
  deleteRedisKeys,
  REDIS_URL,
  serverVersions,
} from './lib/database.js';
import { cpuMeter } from './lib/cpu.js';
import { fanoutPhase } from './lib/fanout.js';
import { insertTallyCampaign, scratchCounts, storeTally, timeRecompute } from './lib/tallies.js';
import { machine } from './lib/machine.js';
import { Pairs } from './lib/pairs.js';
import { recoveryPhase } from './lib/recovery.js';
import { report } from './lib/report.js';
import { startServer } from './lib/servers.js';
import { median } from './lib/stats.js';

const int = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

const settings = {
  rounds: int('BENCH_ROUNDS', 5),
  seconds: int('BENCH_SECONDS', 6),
  warmupSeconds: int('BENCH_WARMUP_SECONDS', 2),
  connections: 50,
  spreadEvents: 500,
  /** Members with a token: the full stack's joiners (one join per one-event rush each). */
  tokenMembers: int('BENCH_TOKEN_MEMBERS', 60_000),
  /** Members without one: the bare pool's joiners to the one capacity-limited row. */
  plainMembers: int('BENCH_PLAIN_MEMBERS', 120_000),
  sqlCountRequests: 20,
  /** The app's PostgreSQL pool (its default, 10); the bare pool gets the same. */
  poolSize: int('BENCH_POOL_SIZE', 10),
  /**
   * Comma-separated subset of joins,page,typename,tallies,fanout,recovery (to work on the bench
   * itself).
   */
  phases: (process.env.BENCH_PHASES ?? 'joins,page,typename,tallies,fanout,recovery').split(','),
  /** Exact recomputes timed, after one warm-up. */
  recomputes: int('BENCH_RECOMPUTES', 9),
  fanoutRounds: int('BENCH_FANOUT_ROUNDS', 3),
  fanoutParticipants: int('BENCH_FANOUT_PARTICIPANTS', 100_000),
  /** Jobs the bare BullMQ worker runs at once. */
  fanoutBareConcurrency: int('BENCH_FANOUT_BARE_CONCURRENCY', 16),
  recoveryRounds: int('BENCH_RECOVERY_ROUNDS', 3),
  /** How long Redis stays down in each recovery round. */
  recoveryOutageSeconds: int('BENCH_RECOVERY_OUTAGE_SECONDS', 10),
};
/** The phases that load the HTTP servers; fan-out and recovery start a worker of their own. */
const HTTP_PHASES = ['joins', 'page', 'typename', 'tallies'];

const log = (...parts) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const fmt = (r) =>
  `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;

const JOIN = 'mutation Join($eventId: ID!) { joinEvent(eventId: $eventId) { id status } }';
const TYPENAME = JSON.stringify({ query: '{ __typename }' });
const TALLY = `query Tally($id: ID!) {
  campaign(id: $id) {
    tally {
      participants going waitlisted checkedIn posts goalProgress updatedAt
      byCity { city country going checkedIn }
    }
  }
}`;
const PAGE = `query Page($id: ID!) {
  campaign(id: $id) {
    title
    events(first: 50) {
      edges {
        node {
          id title startsAt goingCount waitlistCount spotsLeft
          viewerParticipation { status }
          campaign { title community { name } }
        }
      }
    }
  }
}`;

/**
 * Runs every variant once for warm-up, then `rounds` rounds of each variant in turn, every other
 * round in reverse order (A, B, C, C, B, A, A, B, C...), so that no variant always follows the
 * same one. `afterRound` checks invariants between rounds.
 */
async function interleave(phase, variants, afterRound) {
  const measured = async (variant, seconds) => {
    const stop = cpuMeter({ serverPid: variant.server?.pid, database: settings.database });
    await variant.server?.loopDelay();
    const result = await variant.run(seconds);
    const cpu = stop();
    const loop = variant.server ? await variant.server.loopDelay() : { p50: NaN, p99: NaN };
    const per = (ms) => (result.ok ? ms / result.ok : NaN);
    result.cpu = {
      server: variant.server ? per(cpu.serverMs) : NaN,
      postgres: per(cpu.postgresMs),
      bench: per(cpu.benchMs),
      serverBusy: variant.server ? cpu.serverMs / (seconds * 1000) : NaN,
      loopDelayP50: loop.p50,
      loopDelayP99: loop.p99,
    };
    return result;
  };
  for (const variant of variants) {
    log(`${phase}: warm-up ${variant.name}`);
    await measured(variant, settings.warmupSeconds);
  }
  const rounds = Object.fromEntries(variants.map((variant) => [variant.name, []]));
  for (let round = 1; round <= settings.rounds; round++) {
    for (const variant of round % 2 ? variants : variants.toReversed()) {
      await sleep(250);
      const result = await measured(variant, settings.seconds);
      rounds[variant.name].push(result);
      log(`${phase} round ${round}/${settings.rounds}: ${variant.name}: ${fmt(result)}`);
      if (result.bad) log(`  ${result.bad} failed (first: ${result.firstError})`);
    }
    await afterRound?.();
  }
  return rounds;
}

/** The median of a variant's rounds, per figure. */
const summary = (results) => ({
  rps: median(results.map((r) => r.rps)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
  bad: results.reduce((sum, r) => sum + r.bad, 0),
  firstError: results.find((r) => r.firstError)?.firstError ?? null,
});

/** `perRound(subjectRound, baselineRound, i)` of every round: its median, least and most. */
const ratioOfRounds = (subject, baseline, perRound) => {
  const values = subject.map((result, i) => perRound(result, baseline[i], i));
  return { ratio: median(values), range: [Math.min(...values), Math.max(...values)] };
};

/** A throughput figure: the subject's req/s over the baseline's, round by round. */
const throughput = (id, measure, subject, baseline, atLeast, extra = {}) => ({
  id,
  measure,
  subject: summary(subject),
  baseline: summary(baseline),
  ...ratioOfRounds(subject, baseline, (a, b) => a.rps / b.rps),
  unit: '× req/s',
  target: { op: '>=', value: atLeast },
  ...extra,
});

async function main() {
  const started = performance.now();
  const [loadBefore] = os.loadavg();
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) {
      const [name, step] = cleanups.pop();
      try {
        await step();
      } catch (error) {
        log(`clean-up of ${name} failed:`, error);
      }
    }
  };
  let interrupted = false;
  const abandon = (why, code) => {
    if (interrupted) return;
    interrupted = true;
    log(`${why}: cleaning up`);
    void cleanup().finally(() => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => abandon(signal, 130));
  process.on('uncaughtException', (error) => {
    log('uncaught:', error);
    abandon('uncaught exception', 1);
  });

  const figures = [];
  const checks = [];
  const notes = [];
  const roundsByVariant = {};
  try {
    log('creating and migrating the bench database');
    const database = await createBenchDatabase();
    cleanups.push(['database', () => database.drop()]);
    settings.database = database.name;
    const prefix = `fanrally-bench-${randomBytes(4).toString('hex')}`;
    cleanups.push(['redis keys', () => deleteRedisKeys(prefix)]);

    const env = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: String(settings.poolSize),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'error',
      // The highest limits the configuration accepts; the bench sends everything from one IP.
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_JOIN_PER_MINUTE: '1000000',
    };
    const config = AppConfig.fromEnv(env);

    const pool = new pg.Pool({ connectionString: database.url, max: config.database.poolSize });
    cleanups.push(['bare pool', () => pool.end()]);
    const sql = async (text, values) => (await pool.query(text, values)).rows;

    log(`writing fixtures (${settings.tokenMembers + settings.plainMembers} members)`);
    const fixtures = await createFixtures(pool, {
      memberCount: settings.tokenMembers + settings.plainMembers,
      spreadEvents: settings.spreadEvents,
    });
    const tokenMembers = fixtures.joiners.slice(0, settings.tokenMembers);
    const plainMembers = fixtures.joiners.slice(settings.tokenMembers);

    const cpuProfileDir = process.env.BENCH_CPU_PROF;
    let bearer;
    let app;
    let minimal;
    let memory;
    if (settings.phases.some((phase) => HTTP_PHASES.includes(phase))) {
      log(`minting ${tokenMembers.length + 1} tokens with the app's TokenService`);
      const tokens = new TokenService(config);
      bearer = new Map(
        [...tokenMembers, fixtures.viewer].map((id) => [id, `Bearer ${tokens.issue(id).token}`]),
      );

      log('starting the app and the minimal apps');
      app = await startServer('app', env, { cpuProfileDir });
      cleanups.push([
        'app',
        async () => {
          await sleep(500); // let joins still in flight when a run stopped finish first
          await app.close();
        },
      ]);
      const minimalEnv = { NODE_ENV: 'production' };
      minimal = await startServer('minimal', minimalEnv);
      cleanups.push(['minimal app', () => minimal.close()]);
      memory = await startServer('memory', minimalEnv);
      cleanups.push(['memory app', () => memory.close()]);
    }
    const versions = await serverVersions(pool);

    const { connections } = settings;
    const typename = (server) => (seconds) =>
      cannon({
        url: server.url,
        connections,
        seconds,
        body: TYPENAME,
        verify: (body) => body.includes('"__typename":"Query"'),
      });

    if (settings.phases.includes('joins')) {
      const spread = Pairs.spread(tokenMembers, fixtures.spreadEventIds);
      const limitedFull = Pairs.oneEvent(
        'one-event (app)',
        tokenMembers,
        fixtures.oneLimitedEventId,
      );
      const limitedBare = Pairs.oneEvent(
        'one-row (bare)',
        plainMembers,
        fixtures.oneLimitedEventId,
      );
      const unlimited = Pairs.oneEvent('unlimited', tokenMembers, fixtures.oneUnlimitedEventId);
      const fullJoins = (pairs) => (seconds) =>
        cannon({
          url: app.url,
          connections,
          seconds,
          request: () => {
            const { memberId, eventId } = pairs.next();
            return {
              body: JSON.stringify({ query: JOIN, variables: { eventId } }),
              headers: { authorization: bearer.get(memberId) },
            };
          },
          verify: (body) => body.includes('"status":"GOING"') && !body.includes('"errors"'),
        });
      const bare = (pairs) => (seconds) =>
        bareJoins(pool, pairs, { workers: connections, seconds });

      const counters = async (eventId) => {
        const [row] = await sql(
          `SELECT e.going_count, e.waitlist_count,
                  count(p.*) FILTER (WHERE p.status IN ('GOING', 'CHECKED_IN'))::int AS going_rows,
                  count(p.*) FILTER (WHERE p.status = 'WAITLISTED')::int AS waitlist_rows
             FROM events e LEFT JOIN participations p ON p.event_id = e.id
            WHERE e.id = $1 GROUP BY e.id`,
          [eventId],
        );
        return row;
      };
      // Round trips of one join, one join at a time: the statements the app sends.
      const ask = async (eventId, memberId) => {
        const response = await fetch(`${app.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: bearer.get(memberId) },
          body: JSON.stringify({ query: JOIN, variables: { eventId } }),
        });
        const answer = await response.json();
        if (answer.data?.joinEvent?.status !== 'GOING') {
          throw new Error(`joinEvent failed: ${JSON.stringify(answer).slice(0, 500)}`);
        }
      };
      const counted = await app.sqlCount();
      const redisCounted = await app.redisCount();
      for (let i = 0; i < settings.sqlCountRequests; i++) {
        const { memberId, eventId } = spread.next();
        await ask(eventId, memberId);
      }
      const joinStatements = ((await app.sqlCount()) - counted) / settings.sqlCountRequests;
      // Tally requests of joins in a row share their sends: a fraction of a command per join.
      const joinRedisCommands =
        ((await app.redisCount()) - redisCounted) / settings.sqlCountRequests;
      const squeeze = (text) => text?.replace(/\s+/g, ' ').trim();
      const sent = new Set((await app.sqlLog()).map(squeeze));
      const missing = JOIN_STATEMENTS.filter((text) => !sent.has(squeeze(text)));
      checks.push({
        name: "The bare transaction sends the app's statements",
        ok: missing.length === 0,
        detail: missing.length
          ? `${missing.length} of bench/lib/bare.js's statements are not what ParticipationsRepository.join sends any more (first: \`${squeeze(missing[0]).slice(0, 80)}…\`): update bare.js`
          : '`SELECT * FROM join_event($1, $2, $3)`: the same text as the app sent for the joins above',
      });
      log(
        `joinEvent: ${joinStatements} SQL statements and ${joinRedisCommands.toFixed(2)} Redis commands per join`,
      );
      notes.push(
        `joinEvent, ${settings.sqlCountRequests} joins one at a time, sends ${joinStatements} SQL statements and ${joinRedisCommands.toFixed(2)} Redis commands per join (counted in the app's process: the rate limit's, and the tally requests' it gathers)`,
      );

      const counterMismatches = [];
      const rounds = await interleave(
        'joins',
        [
          { name: 'app: joinEvent, 500 events', run: fullJoins(spread), server: app },
          { name: 'bare pg: join transaction, 500 events', run: bare(spread) },
          { name: 'minimal app: { __typename }', run: typename(minimal), server: minimal },
          { name: 'app: joinEvent, one limited event', run: fullJoins(limitedFull), server: app },
          { name: 'bare pg: join transaction, one row', run: bare(limitedBare) },
          { name: 'app: joinEvent, one unlimited event', run: fullJoins(unlimited), server: app },
        ],
        async () => {
          const row = await counters(fixtures.oneLimitedEventId);
          if (row.going_count !== row.going_rows || row.waitlist_count !== row.waitlist_rows) {
            counterMismatches.push(row);
          }
        },
      );
      roundsByVariant.joins = rounds;
      const [fullSpread, bareSpread, minimalTypename, fullLimited, bareRow, fullUnlimited] =
        Object.values(rounds);

      // What the joins left behind: counters equal to rows, and a row for every success.
      const limited = await counters(fixtures.oneLimitedEventId);
      const [{ n: spreadOff }] = await sql(
        `SELECT count(*)::int AS n FROM events e
          WHERE e.id = ANY($1::uuid[]) AND (e.going_count, e.waitlist_count) <> (
            SELECT count(*) FILTER (WHERE p.status IN ('GOING', 'CHECKED_IN')),
                   count(*) FILTER (WHERE p.status = 'WAITLISTED')
              FROM participations p WHERE p.event_id = e.id)`,
        [fixtures.spreadEventIds],
      );
      const [{ n: spreadRows }] = await sql(
        'SELECT count(*)::int AS n FROM participations WHERE event_id = ANY($1::uuid[])',
        [fixtures.spreadEventIds],
      );
      const unlimitedRow = await counters(fixtures.oneUnlimitedEventId);
      const okOf = (results) => results.reduce((sum, r) => sum + r.ok, 0);
      const limitedOk = okOf(fullLimited) + okOf(bareRow);
      const spreadOk = okOf(fullSpread) + okOf(bareSpread);
      const limitedCheck = {
        name: 'One limited event: going_count / waitlist_count = GOING / WAITLISTED rows',
        ok:
          limited.going_count === limited.going_rows &&
          limited.waitlist_count === limited.waitlist_rows &&
          limited.going_rows + limited.waitlist_rows >= limitedOk &&
          counterMismatches.length === 0,
        detail: `${limited.going_count} / ${limited.waitlist_count} = ${limited.going_rows} / ${limited.waitlist_rows} rows after the last round; checked after every round (${counterMismatches.length} mismatches); ${limitedOk} measured joins answered GOING`,
      };
      const unlimitedCheck = {
        name: 'One unlimited event: a GOING row for every join answered',
        ok: unlimitedRow.going_rows >= okOf(fullUnlimited),
        detail: `${unlimitedRow.going_rows} GOING rows (warm-up and unanswered in-flight joins included) >= ${okOf(fullUnlimited)} measured joins answered GOING; counters stay 0 by design (${unlimitedRow.going_count} / ${unlimitedRow.waitlist_count})`,
      };
      checks.push(limitedCheck, unlimitedCheck, {
        name: '500 events: counters = rows on every event',
        ok: spreadOff === 0 && spreadRows >= spreadOk,
        detail: `${spreadOff} of ${fixtures.spreadEventIds.length} events off; ${spreadRows} rows >= ${spreadOk} measured joins answered`,
      });

      // Let the next phases start from a settled database, not from autovacuum's backlog.
      log('VACUUM (ANALYZE) after the joins');
      await sql('VACUUM (ANALYZE) participations, events, memberships');

      figures.push(
        throughput(
          '1a',
          'joinEvent, full stack, 500 limited events, 50 conn. / bare pg transaction, 50 workers',
          fullSpread,
          bareSpread,
          0.5,
        ),
        throughput(
          '1b',
          'joinEvent, full stack, 500 limited events / minimal Nest + Apollo `{ __typename }`',
          fullSpread,
          minimalTypename,
          0.5,
        ),
        {
          id: '1c',
          measure: 'joinEvent p99 / (minimal app p99 + bare transaction p99), 50 conn.',
          subject: summary(fullSpread),
          baseline: {
            text: `${summary(minimalTypename).p99.toFixed(1)} + ${summary(bareSpread).p99.toFixed(1)} ms`,
          },
          ...ratioOfRounds(
            fullSpread,
            minimalTypename,
            (a, b, i) => a.p99 / (b.p99 + bareSpread[i].p99),
          ),
          unit: '× p99',
          target: { op: '<=', value: 2 },
        },
        throughput(
          '2a',
          'joinEvent, everyone on ONE limited event / bare pg transaction on one row',
          fullLimited,
          bareRow,
          0.8,
          { extraOk: limitedCheck.ok },
        ),
        throughput(
          '2b',
          'joinEvent, everyone on ONE unlimited event / joinEvent over 500 events (1a)',
          fullUnlimited,
          fullSpread,
          0.8,
          { extraOk: unlimitedCheck.ok },
        ),
      );
    }

    if (settings.phases.includes('page')) {
      const viewer = { authorization: bearer.get(fixtures.viewer) };
      const ask = async (server, campaignId) => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...viewer },
          body: JSON.stringify({ query: PAGE, variables: { id: campaignId } }),
        });
        const answer = await response.json();
        if (answer.errors || !answer.data?.campaign) {
          throw new Error(`campaign page failed: ${JSON.stringify(answer).slice(0, 500)}`);
        }
        return answer;
      };

      // Statements of a page's first read (nothing of it kept by the replica yet), then per read
      // while the replica's copy is fresh (READ_CACHE_MS).
      const firstRead = {};
      const perRequest = {};
      for (const size of [10, 50]) {
        const id = fixtures.pages[size];
        const start = await app.sqlCount();
        const answer = await ask(app, id);
        firstRead[size] = (await app.sqlCount()) - start;
        if (answer.data.campaign.events.edges.length !== size) {
          throw new Error(
            `campaign page of ${size}: ${answer.data.campaign.events.edges.length} events`,
          );
        }
        const before = await app.sqlCount();
        for (let i = 0; i < settings.sqlCountRequests; i++) await ask(app, id);
        perRequest[size] = ((await app.sqlCount()) - before) / settings.sqlCountRequests;
        log(
          `campaign page of ${size} events: ${firstRead[size]} SQL statements on the first read, ` +
            `then ${perRequest[size]} per request`,
        );
      }
      const real = await ask(app, fixtures.pages[50]);
      await memory.prime(real.data.campaign);
      const fromMemory = await ask(memory, fixtures.pages[50]);
      const same = JSON.stringify(fromMemory) === JSON.stringify(real);
      checks.push({
        name: 'Campaign page from memory answers what the app answers',
        ok: same,
        detail: same
          ? `identical JSON (${JSON.stringify(real).length} bytes, 50 events)`
          : 'the answers differ',
      });

      const pageBody = JSON.stringify({ query: PAGE, variables: { id: fixtures.pages[50] } });
      const page = (server) => (seconds) =>
        cannon({
          url: server.url,
          connections,
          seconds,
          body: pageBody,
          headers: viewer,
          verify: (body) => body.includes('"edges"') && !body.includes('"errors"'),
        });
      const rounds = await interleave('page', [
        { name: 'app: campaign page, 50 events', run: page(app), server: app },
        { name: 'minimal app: campaign page from memory', run: page(memory), server: memory },
      ]);
      roundsByVariant.page = rounds;
      const [fullPage, memoryPage] = Object.values(rounds);
      figures.push(
        {
          id: '3a',
          measure:
            "Campaign page (10 events), SQL statements of its first read (then per read while the replica's copy is fresh)",
          text: `${firstRead[10]} (then ${perRequest[10]})`,
          ratio: firstRead[10],
          unit: 'statements',
          target: { op: '<=', value: 5 },
        },
        {
          id: '3b',
          measure: 'Campaign page (50 events), the same (and the same as at 10)',
          text: `${firstRead[50]} (then ${perRequest[50]})`,
          ratio: firstRead[50],
          unit: 'statements',
          target: { op: '<=', value: 5 },
          extraOk: firstRead[50] === firstRead[10] && perRequest[50] === perRequest[10],
        },
        throughput(
          '3c',
          'Campaign page (50 events), 50 conn. / minimal Nest + Apollo from memory',
          fullPage,
          memoryPage,
          0.6,
        ),
      );
    }

    if (settings.phases.includes('typename')) {
      const rounds = await interleave('typename', [
        { name: 'app: { __typename }', run: typename(app), server: app },
        { name: 'minimal app: { __typename }', run: typename(minimal), server: minimal },
      ]);
      roundsByVariant.typename = rounds;
      const [appTypename, minimalTypename] = Object.values(rounds);
      figures.push(
        throughput(
          '4',
          "The app's `{ __typename }` (all global guards, pipes, filters, loggers) / minimal app",
          appTypename,
          minimalTypename,
          0.85,
        ),
      );
    }

    const sections = [];
    if (settings.phases.includes('tallies')) {
      log('writing a campaign of 1,000,000 participations over 100 events');
      const bigCampaign = await insertTallyCampaign(pool, {
        communityId: fixtures.communityId,
        memberIds: fixtures.joiners,
        events: 100,
        perEvent: 10_000,
      });
      log(`timing ${settings.recomputes} exact recomputes`);
      const recompute = await timeRecompute(pool, bigCampaign, settings.recomputes);
      log(
        `recompute: median ${recompute.median.toFixed(0)} ms, max ${recompute.max.toFixed(0)} ms`,
      );
      const scratch = await scratchCounts(pool, bigCampaign);
      const { participants, going, waitlisted, checkedIn } = recompute.tally;
      const [{ n: participationRows }] = await sql(
        'SELECT count(*)::int AS n FROM participations WHERE campaign_id = $1',
        [bigCampaign],
      );
      checks.push({
        name: 'The recompute counts what a from-scratch count finds',
        ok:
          JSON.stringify({ participants, going, waitlisted, checkedIn }) ===
          JSON.stringify(scratch),
        detail: `${participationRows} participations: ${participants} participants, ${going} going, ${waitlisted} waitlisted, ${checkedIn} checked in (from scratch: ${JSON.stringify(scratch)})`,
      });
      figures.push({
        id: '6a',
        measure: `One exact recompute (count + store) of a campaign of ${participationRows.toLocaleString('en-US')} participations over 100 events`,
        subject: { text: `median ${recompute.median.toFixed(0)} ms` },
        ratio: recompute.median,
        range: [Math.min(...recompute.timings), recompute.max],
        unit: 'ms',
        target: { op: '<=', value: 250 },
      });
      sections.push([
        "### The recompute's count: its query plan",
        '',
        `\`EXPLAIN (ANALYZE, BUFFERS)\` of \`COMPUTE_TALLY\` (src/tallies/tallies.repository.ts) for that campaign, after the timed runs (EXPLAIN ANALYZE's own timing overhead included):`,
        '',
        '```',
        recompute.plan,
        '```',
      ]);

      const pageCampaign = fixtures.pages[50];
      await storeTally(pool, pageCampaign);
      const tallyBody = JSON.stringify({ query: TALLY, variables: { id: pageCampaign } });
      const tallyRead = (seconds) =>
        cannon({
          url: app.url,
          connections,
          seconds,
          body: tallyBody,
          verify: (body) => body.includes('"participants":') && !body.includes('"errors"'),
        });
      const rounds = await interleave('tallies', [
        { name: 'app: Campaign.tally, 50 events', run: tallyRead, server: app },
        { name: 'app: { __typename }', run: typename(app), server: app },
      ]);
      roundsByVariant.tallies = rounds;
      const [appTally, appTypename] = Object.values(rounds);
      figures.push(
        throughput(
          '6b',
          "`campaign(id) { tally { … byCity { … } } }` of a 50-event campaign / the app's own `{ __typename }`",
          appTally,
          appTypename,
          0.7,
        ),
      );
    }

    if (settings.phases.includes('fanout')) {
      const fanout = await fanoutPhase({
        pool,
        env,
        database: database.name,
        prefix,
        memberIds: fixtures.joiners,
        rounds: settings.fanoutRounds,
        participants: settings.fanoutParticipants,
        bareConcurrency: settings.fanoutBareConcurrency,
        cleanups,
        log,
        cpuProfileDir,
      });
      figures.push(...fanout.figures);
      checks.push(...fanout.checks);
      sections.push(fanout.section);
    }

    if (settings.phases.includes('recovery')) {
      const recovery = await recoveryPhase({
        pool,
        env,
        prefix,
        memberIds: fixtures.joiners,
        rounds: settings.recoveryRounds,
        outageSeconds: settings.recoveryOutageSeconds,
        cleanups,
        log,
        cpuProfileDir,
      });
      figures.push(...recovery.figures);
      checks.push(...recovery.checks);
      sections.push(recovery.section);
    }

    const elapsed = (performance.now() - started) / 1000;
    process.stdout.write(
      report({
        machine: machine(versions, loadBefore),
        settings,
        poolSize: config.database.poolSize,
        figures,
        checks,
        notes,
        roundsByVariant,
        sections,
        elapsed,
      }),
    );
  } finally {
    if (!interrupted) await cleanup();
  }
}

await main().catch((error) => {
  log('failed:', error);
  process.exitCode = 1;
});
