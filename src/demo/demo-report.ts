import { DEMO_COMMUNITY_SLUG, DEMO_LOGINS, type DemoDataResult } from './demo-data.js';

/** What a seeding run did, as log lines: npm run seed and start-up print the same. */
export function demoDataSummary(result: DemoDataResult): string {
  switch (result.outcome) {
    case 'seeded': {
      const c = result.counts;
      return (
        `Demo data: loaded community "${DEMO_COMMUNITY_SLUG}" in ${result.elapsedMs} ms: ` +
        `${c.members} members, ${c.campaigns} campaigns, ${c.events} events ` +
        `(screenings in ${c.screeningCities} cities on ${result.screeningDate}), ` +
        `${c.participations} RSVPs (${c.waitlisted} waitlisted)`
      );
    }
    case 'present':
      return `Demo data: community "${DEMO_COMMUNITY_SLUG}" is already loaded; nothing changed`;
    case 'skipped':
      return `Demo data not loaded: ${result.reason}`;
  }
}

/** The demo logins, one line each; none when the demo data is not there. */
export function demoLoginLines(result: DemoDataResult): string[] {
  if (result.outcome === 'skipped') return [];
  return DEMO_LOGINS.map(
    ({ who, email, password }) => `Demo login (${who}): ${email} / password ${password}`,
  );
}
