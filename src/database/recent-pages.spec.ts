import { RecentPages } from './recent-pages.js';

/** A page source that counts its reads and answers what `pages` holds when asked. */
function source(pages: Record<string, string[]>) {
  const reads: string[] = [];
  const fetch = (page: string) => () => {
    reads.push(page);
    return Promise.resolve({ page, titles: [...(pages[page] ?? [])] });
  };
  return { pages, reads, fetch };
}

describe('RecentPages', () => {
  it('reads a page once, and answers it at once (not as a promise) once read', async () => {
    const titles = source({ first: ['Alita', 'Ido'] });
    const recent = new RecentPages<{ page: string; titles: string[] }>(60_000);

    const read = recent.read('campaign-1', 'first', titles.fetch('first'));
    expect(read).toBeInstanceOf(Promise);
    const again = recent.read('campaign-1', 'first', titles.fetch('first'));
    expect(again).toBe(read);
    const page = await read;

    expect(recent.read('campaign-1', 'first', titles.fetch('first'))).toBe(page);
    expect(page.titles).toEqual(['Alita', 'Ido']);
    expect(titles.reads).toEqual(['first']);
  });

  it('forgets every page of a group, and only of that group', async () => {
    const titles = source({ first: ['Alita'], second: ['Ido'] });
    const recent = new RecentPages<{ page: string; titles: string[] }>(60_000);
    await recent.read('campaign-1', 'first', titles.fetch('first'));
    await recent.read('campaign-1', 'second', titles.fetch('second'));
    await recent.read('campaign-2', 'first', titles.fetch('first'));
    titles.pages.first = ['Alita', 'Gally'];

    recent.forget('campaign-1');

    expect(await recent.read('campaign-1', 'first', titles.fetch('first'))).toEqual({
      page: 'first',
      titles: ['Alita', 'Gally'],
    });
    expect(await recent.read('campaign-2', 'first', titles.fetch('first'))).toEqual({
      page: 'first',
      titles: ['Alita'],
    });
    await recent.read('campaign-1', 'second', titles.fetch('second'));
    expect(titles.reads).toEqual(['first', 'second', 'first', 'first', 'second']);
  });

  it('keeps no failed read: the next request reads again', async () => {
    const recent = new RecentPages<string>(60_000);
    await expect(
      recent.read('campaign-1', 'first', () => Promise.reject(new Error('gone'))),
    ).rejects.toThrow('gone');
    expect(await recent.read('campaign-1', 'first', () => Promise.resolve('read again'))).toBe(
      'read again',
    );
  });

  it('reads every time with a ttl of 0', async () => {
    const titles = source({ first: ['Alita'] });
    const recent = new RecentPages<{ page: string; titles: string[] }>(0);
    await recent.read('campaign-1', 'first', titles.fetch('first'));
    await recent.read('campaign-1', 'first', titles.fetch('first'));
    expect(titles.reads).toEqual(['first', 'first']);
  });
});
