import type { CityTally, LeaderboardEntry } from './tally.model.js';

/** Cities by members going or checked in there; equal scores share a (dense) rank. */
export function cityLeaderboard(byCity: CityTally[], first: number): LeaderboardEntry[] {
  const ranked = byCity
    .map((city) => ({
      label: `${city.city}, ${city.country}`,
      score: city.going + city.checkedIn,
      memberId: null,
    }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label));
  let rank = 0;
  return ranked.slice(0, first).map((entry, i) => {
    if (i === 0 || entry.score !== ranked[i - 1].score) rank += 1;
    return { ...entry, rank };
  });
}
