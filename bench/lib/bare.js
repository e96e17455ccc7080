import { performance } from 'node:perf_hooks';
import { percentile } from './stats.js';

// The statement ParticipationsRepository.join sends, copied here: the baseline is what the same
// capacity-checked join (the migration's join_event function, one transaction in autocommit)
// costs through a bare pg Pool, prepared as the app prepares it.
const JOIN_EVENT = { name: 'join-event', text: 'SELECT * FROM join_event($1, $2, $3)' };

/** The statements, to check that they still are the app's. */
export const JOIN_STATEMENTS = [JOIN_EVENT.text];

/** One capacity-checked join, as the app does it; returns the row's status. */
async function join(pool, { eventId, memberId }) {
  const {
    rows: [row],
  } = await pool.query({ ...JOIN_EVENT, values: [eventId, memberId, new Date()] });
  if (row.outcome !== 'JOINED') {
    throw new Error(`join of ${memberId} to ${eventId}: ${row.outcome} ${row.detail ?? ''}`);
  }
  return row.status;
}

/**
 * `workers` concurrent loops of joins through the pool for `seconds`: the same figures
 * autocannon gives (successful joins per second, p50/p99 latency in ms, pool wait included).
 */
export async function bareJoins(pool, pairs, { workers, seconds }) {
  const latencies = [];
  let errors = 0;
  let firstError = null;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  async function loop() {
    while (performance.now() < deadline) {
      const pair = pairs.next();
      const begun = performance.now();
      try {
        const status = await join(pool, pair);
        if (status !== 'GOING') throw new Error(`joined as ${status}`);
        latencies.push(performance.now() - begun);
      } catch (error) {
        errors++;
        firstError ??= error;
        if (errors > 100) throw error;
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, loop));
  const elapsed = (performance.now() - start) / 1000;
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: latencies.length,
    bad: errors,
    firstError: firstError?.message ?? null,
  };
}
