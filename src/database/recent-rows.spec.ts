import { RecentRows } from './recent-rows.js';

interface Row {
  id: string;
  title: string;
}

/** A batch function over a mutable table that records every batch it was asked for. */
function table(rows: Record<string, string>) {
  const batches: string[][] = [];
  const fetch = (ids: readonly string[]) => {
    batches.push([...ids]);
    return Promise.resolve(ids.map((id) => (id in rows ? { id, title: rows[id] } : null)));
  };
  return { rows, batches, fetch };
}

describe('RecentRows', () => {
  it('answers hits from memory and reads only the misses, in one batch', async () => {
    const source = table({ a: 'Alita', b: 'Ido', c: 'Zalem' });
    const recent = new RecentRows<string, Row>(source.fetch, 60_000);

    expect(await recent.load(['a'])).toEqual([{ id: 'a', title: 'Alita' }]);
    expect(await recent.load(['a', 'b', 'x', 'c'])).toEqual([
      { id: 'a', title: 'Alita' },
      { id: 'b', title: 'Ido' },
      null,
      { id: 'c', title: 'Zalem' },
    ]);
    expect(source.batches).toEqual([['a'], ['b', 'x', 'c']]);
  });

  it('keeps no miss, and reads again what was forgotten', async () => {
    const source = table({ a: 'Alita' });
    const recent = new RecentRows<string, Row>(source.fetch, 60_000);
    await recent.load(['a', 'x']);
    source.rows.a = 'Alita: Battle Angel';
    source.rows.x = 'Gally';

    recent.forget('a');

    expect(await recent.load(['a', 'x'])).toEqual([
      { id: 'a', title: 'Alita: Battle Angel' },
      { id: 'x', title: 'Gally' },
    ]);
  });

  it('shares frozen rows, so no request can change another one’s', async () => {
    const recent = new RecentRows<string, Row>(table({ a: 'Alita' }).fetch, 60_000);
    const [row] = await recent.load(['a']);
    expect(() => Object.assign(row!, { title: 'changed' })).toThrow(TypeError);
  });

  it('reads every time with a ttl of 0', async () => {
    const source = table({ a: 'Alita' });
    const recent = new RecentRows<string, Row>(source.fetch, 0);
    await recent.load(['a']);
    await recent.load(['a']);
    expect(source.batches).toEqual([['a'], ['a']]);
  });

  it('reads a key once while it is being read, whatever the requests waiting for it', async () => {
    const source = table({ a: 'Alita' });
    const recent = new RecentRows<string, Row>(source.fetch, 60_000);

    const answers = await Promise.all([recent.load(['a']), recent.load(['a', 'x'])]);

    expect(answers).toEqual([[{ id: 'a', title: 'Alita' }], [{ id: 'a', title: 'Alita' }, null]]);
    expect(source.batches).toEqual([['a'], ['x']]);
  });

  it('keeps nothing of a read that a forget overtook', async () => {
    const source = table({ a: 'Alita' });
    const recent = new RecentRows<string, Row>(source.fetch, 60_000);
    const stale = recent.load(['a']);
    recent.forget('a');
    source.rows.a = 'Alita: Battle Angel';

    expect(await stale).toEqual([{ id: 'a', title: 'Alita' }]);
    expect(await recent.load(['a'])).toEqual([{ id: 'a', title: 'Alita: Battle Angel' }]);
    expect(source.batches).toEqual([['a'], ['a']]);
  });
});
