import { Loaders } from './loaders.js';

interface Key {
  eventId: string;
  memberId: string;
}
const keyOf = ({ eventId, memberId }: Key) => `${eventId}:${memberId}`;

/** A batch function over `going` (the pairs with a participation) that records its batches. */
function participations(going: string[]) {
  const batches: string[][] = [];
  const batch = (keys: readonly Key[]) => {
    batches.push(keys.map(keyOf));
    return Promise.resolve(keys.map((key) => (going.includes(keyOf(key)) ? 'GOING' : null)));
  };
  return { batch, batches };
}

describe('Loaders', () => {
  it('preloads keys in one batch and answers them without a promise, misses as null', async () => {
    const { batch, batches } = participations(['e1:m', 'e3:m']);
    const loaders = new Loaders();
    const keys = ['e1', 'e2', 'e3'].map((eventId) => ({ eventId, memberId: 'm' }));

    expect(loaders.preloaded(batch, keys[0])).toBeUndefined();
    await loaders.preload(batch, keys, keyOf);

    expect(keys.map((key) => loaders.preloaded(batch, { ...key }))).toEqual([
      'GOING',
      null,
      'GOING',
    ]);
    expect(loaders.preloaded(batch, { eventId: 'e4', memberId: 'm' })).toBeUndefined();
    // The loader holds them too: asking again sends no batch.
    expect(await loaders.of(batch, keyOf).load({ eventId: 'e2', memberId: 'm' })).toBeNull();
    expect(batches).toEqual([['e1:m', 'e2:m', 'e3:m']]);
  });

  it('forgets a preloaded key: it is loaded again', async () => {
    const going: string[] = [];
    const { batch, batches } = participations(going);
    const loaders = new Loaders();
    const key = { eventId: 'e1', memberId: 'm' };
    await loaders.preload(batch, [key], keyOf);
    going.push('e1:m');

    loaders.forget(batch, { ...key });

    expect(loaders.preloaded(batch, key)).toBeUndefined();
    expect(await loaders.of(batch, keyOf).load(key)).toBe('GOING');
    expect(batches).toEqual([['e1:m'], ['e1:m']]);
  });
});
