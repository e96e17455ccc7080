import type { Queue } from 'bullmq';
import { TallyRequests } from './tally-requests.service.js';

/** A queue whose addBulk takes a round trip of about 1 ms and records what it was sent. */
function fakeQueue() {
  const sends: string[][] = [];
  const queue = {
    addBulk: async (jobs: { opts?: { deduplication?: { id: string } } }[]) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      sends.push(jobs.map((job) => job.opts?.deduplication?.id ?? '?'));
      return [];
    },
  };
  return { queue: queue as unknown as Queue, sends };
}

describe('TallyRequests', () => {
  it('sends a steady stream of requests at most once per gathering moment, losing none', async () => {
    const { queue, sends } = fakeQueue();
    const requests = new TallyRequests(queue);
    const started = Date.now();
    // A write about every millisecond, to two campaigns, for several gathering moments.
    for (let i = 0; i < 300; i++) {
      requests.request(i % 2 ? 'campaign-a' : 'campaign-b');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await requests.flush();
    const elapsed = Date.now() - started;

    // One send per 50 ms gathering, plus the first and the flush's.
    expect(sends.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
    expect(new Set(sends.flat())).toEqual(new Set(['tally-campaign-a', 'tally-campaign-b']));
    expect(sends.every((campaigns) => new Set(campaigns).size === campaigns.length)).toBe(true);
  });
});
