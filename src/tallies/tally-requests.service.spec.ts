import type { Queue } from 'bullmq';
import { TallyRequests } from './tally-requests.service.js';

/**
 * A queue whose addBulk stays under way until the spec releases it (or, once released for
 * good, for a round trip of about 1 ms), and that writes each send
 * into the same log as the spec's requests, so their order is known.
 */
function heldQueue() {
  const log: ({ request: string } | { send: string[] })[] = [];
  const held: (() => void)[] = [];
  let onSend: (() => void) | null = null;
  let holding = true;
  const release = () => held.splice(0).forEach((resolve) => resolve());
  const queue = {
    addBulk: async (jobs: { data: { campaignId: string } }[]) => {
      log.push({ send: jobs.map((job) => job.data.campaignId) });
      onSend?.();
      await new Promise<void>((resolve) => (holding ? held.push(resolve) : setTimeout(resolve, 1)));
      return [];
    },
  };
  return {
    queue: queue as unknown as Queue,
    log,
    request(requests: TallyRequests, campaignId: string) {
      log.push({ request: campaignId });
      requests.request(campaignId);
    },
    /** Resolves with the campaigns of the next send once it starts. */
    nextSend: () =>
      new Promise<string[]>((resolve) => {
        onSend = () => {
          onSend = null;
          resolve((log.at(-1) as { send: string[] }).send);
        };
      }),
    /** Ends every send under way. */
    release,
    /** Lets every send go through from now on. */
    releaseAll() {
      holding = false;
      release();
    },
  };
}

describe(TallyRequests.name, () => {
  it('gathers what arrives during a send with what comes right after it, in one send', async () => {
    const { queue, nextSend, release, request } = heldQueue();
    const requests = new TallyRequests(queue);

    const first = nextSend();
    request(requests, 'a');
    expect(await first).toEqual(['a']);
    request(requests, 'b');
    request(requests, 'a');
    const second = nextSend();
    release();
    // A turn of the event loop after the send ended: a sender that goes again at once has
    // left by now with b and a alone.
    await new Promise((resolve) => setImmediate(resolve));
    request(requests, 'c');

    expect(await second).toEqual(['b', 'a', 'c']);
    release();
    await requests.flush();
  });

  it('sends every request of a steady stream after it was made, whatever was under way', async () => {
    const { queue, log, request, releaseAll } = heldQueue();
    const requests = new TallyRequests(queue);
    releaseAll();
    for (let i = 0; i < 120; i++) {
      request(requests, `campaign-${i % 40}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await requests.flush();

    // Per request, not per campaign: a later request of the same campaign must not hide a
    // request that was dropped while a send was under way.
    const unsent = log.flatMap((entry, at) =>
      'request' in entry &&
      !log.slice(at + 1).some((later) => 'send' in later && later.send.includes(entry.request))
        ? [`${entry.request} (request ${at})`]
        : [],
    );
    expect(unsent).toEqual([]);
    expect(log.filter((entry) => 'send' in entry).length).toBeGreaterThan(1);
  });
});
