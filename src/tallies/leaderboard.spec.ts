import { cityLeaderboard } from './leaderboard.js';

const city = (name: string, country: string, going: number, checkedIn = 0) => ({
  city: name,
  country,
  going,
  checkedIn,
});

describe('cityLeaderboard', () => {
  it('ranks by going plus checked in, densely, equal scores by name', () => {
    const board = cityLeaderboard(
      [
        city('Paris', 'US', 2),
        city('Paris', 'FR', 1, 4),
        city('Austin', 'US', 0, 2),
        city('Lyon', 'FR', 0),
        city('Tokyo', 'JP', 1),
      ],
      10,
    );
    expect(board).toEqual([
      { rank: 1, label: 'Paris, FR', score: 5, memberId: null },
      { rank: 2, label: 'Austin, US', score: 2, memberId: null },
      { rank: 2, label: 'Paris, US', score: 2, memberId: null },
      { rank: 3, label: 'Tokyo, JP', score: 1, memberId: null },
    ]);
  });

  it('keeps the ranks of the whole board when cut to a page', () => {
    const board = cityLeaderboard([city('A', 'US', 3), city('B', 'US', 3), city('C', 'US', 1)], 2);
    expect(board.map((entry) => entry.rank)).toEqual([1, 1]);
  });
});
