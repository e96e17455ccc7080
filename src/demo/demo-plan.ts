import { DateTime } from 'luxon';
import { CampaignKind, GoalMetric } from '../campaigns/campaign.enums.js';
import { CommunityRole } from '../communities/community-role.js';
import { EventKind } from '../events/event.enums.js';
import { ParticipationStatus } from '../participation/participation-status.js';
import {
  OTHER_HOME_CITIES,
  SCREENING_CITIES,
  type HomeCity,
  type NamePool,
} from './demo-places.js';

export const DEMO_COMMUNITY_SLUG = 'alita-army';
export const DEMO_HASHTAG = 'AlitaArmy';
export const DEMO_PASSWORD = 'battle-angel-2019';
export const DEMO_OWNER_EMAIL = 'owner@alita-army.example';
export const DEMO_ORGANIZER_EMAIL = 'organizer@alita-army.example';
export const DEMO_MEMBER_EMAIL = 'member@alita-army.example';

const EMAIL_DOMAIN = 'alita-army.example';
const SCREENING_MINUTES = 150;
const DAY = 24 * 60 * 60 * 1000;
/** Clocks the hashtag push's description shows its moment on. */
const PUSH_CLOCKS = [
  ['Los Angeles', 'America/Los_Angeles'],
  ['São Paulo', 'America/Sao_Paulo'],
  ['Lagos', 'Africa/Lagos'],
  ['Mumbai', 'Asia/Kolkata'],
  ['Tokyo', 'Asia/Tokyo'],
] as const;

export interface PlannedMember {
  email: string;
  handle: string;
  displayName: string;
  timezone: string;
  role: CommunityRole;
  joinedAt: Date;
}

export type CampaignKey = 'tour' | 'push' | 'party';

export interface PlannedCampaign {
  key: CampaignKey;
  kind: CampaignKind;
  title: string;
  description: string;
  hashtags: string[];
  startsAt: Date;
  endsAt: Date;
  goalMetric: GoalMetric;
  goalTarget: number;
  createdAt: Date;
}

export interface PlannedEvent {
  /** Unique within the plan; rows are matched back to it. */
  title: string;
  campaign: CampaignKey;
  kind: EventKind;
  description: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: {
    name: string;
    address: string;
    city: string;
    country: string;
    latitude: number;
    longitude: number;
  } | null;
  onlineUrl: string | null;
  capacity: number | null;
  createdAt: Date;
}

export interface PlannedParticipation {
  event: string;
  member: string;
  status: ParticipationStatus;
  joinedAt: Date;
  updatedAt: Date;
}

export interface DemoPlan {
  community: { slug: string; name: string; hashtag: string; description: string; createdAt: Date };
  members: PlannedMember[];
  campaigns: PlannedCampaign[];
  events: PlannedEvent[];
  /** In join order: a participation's join_seq follows its place here. */
  participations: PlannedParticipation[];
  /** The screenings' shared local date, e.g. 2026-12-12. */
  screeningDate: string;
}

/** Small seeded PRNG (mulberry32): the same names and dates on every machine. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ascii = (name: string) => name.normalize('NFD').replace(/[^A-Za-z0-9]/g, '');
const seconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

/** Hands out a pool's first-last combinations in a shuffled order, so names rarely repeat. */
function nameDealer(pick: () => number) {
  const decks = new Map<NamePool, { first: string; last: string }[]>();
  return (pool: NamePool) => {
    let deck = decks.get(pool);
    if (!deck?.length) {
      deck = pool.first.flatMap((first) => pool.last.map((last) => ({ first, last })));
      for (let i = deck.length - 1; i > 0; i--) {
        const j = Math.floor(pick() * (i + 1));
        [deck[i], deck[j]] = [deck[j], deck[i]];
      }
      decks.set(pool, deck);
    }
    return deck.pop()!;
  };
}

/** A fan's display name and a unique handle in one of a few styles fans use. */
function fanName({ first, last }: { first: string; last: string }, index: number) {
  const number = String(index + 1).padStart(3, '0');
  const [f, l] = [ascii(first), ascii(last)];
  const styles = [
    `${f.toLowerCase()}_${l.toLowerCase()}_`,
    `${f}${l}`,
    `alitafan_${f.toLowerCase()}`,
  ];
  const handle = `${styles[index % styles.length].slice(0, 26)}${number}`;
  return { displayName: `${first} ${last}`, handle };
}

/** The local date of the screenings: the first Saturday at least three weeks after now. */
export function screeningDateAfter(now: Date): DateTime {
  const day = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day').plus({ days: 21 });
  return day.plus({ days: (6 - day.weekday + 7) % 7 });
}

/** An instant from a wall-clock time in an IANA zone, e.g. 19:30 in Europe/Paris. */
function atLocal(date: DateTime, time: string, zone: string): Date {
  const local = DateTime.fromISO(`${date.toISODate()}T${time}`, { zone });
  if (!local.isValid) throw new Error(`Invalid local time ${time} in ${zone}`);
  return local.toJSDate();
}

const minutesAfter = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

/**
 * The whole #AlitaArmy demo as plain values: who, which campaigns and events, who RSVPed in
 * what order. Dates are relative to `now`, so the data is always upcoming.
 */
export function planDemoData(now: Date): DemoPlan {
  const pick = random(2019_02_14);
  const dealName = nameDealer(pick);
  const nowMs = now.getTime();
  const staff: PlannedMember[] = [
    {
      email: DEMO_OWNER_EMAIL,
      handle: 'alita_army_hq',
      displayName: 'Alita Army HQ',
      timezone: 'America/Los_Angeles',
      role: CommunityRole.OWNER,
      joinedAt: seconds(nowMs - 420 * DAY),
    },
    {
      email: DEMO_ORGANIZER_EMAIL,
      handle: 'demo_organizer',
      displayName: 'Dana Reyes',
      timezone: 'America/Los_Angeles',
      role: CommunityRole.ORGANIZER,
      joinedAt: seconds(nowMs - 410 * DAY),
    },
    {
      email: `organizer.tokyo@${EMAIL_DOMAIN}`,
      handle: 'kenji_organizes',
      displayName: 'Kenji Watanabe',
      timezone: 'Asia/Tokyo',
      role: CommunityRole.ORGANIZER,
      joinedAt: seconds(nowMs - 350 * DAY),
    },
  ];
  const [owner, organizer, tokyoOrganizer] = staff;

  // Fans, city by city; the demo member is London's first fan.
  const fansOf = new Map<HomeCity, PlannedMember[]>();
  const fans: PlannedMember[] = [];
  for (const home of [...SCREENING_CITIES, ...OTHER_HOME_CITIES]) {
    const list: PlannedMember[] = [];
    for (let i = 0; i < home.fans; i++) {
      const demo = home.city === 'London' && i === 0;
      const { displayName, handle } = demo
        ? { displayName: 'Amelia Clarke', handle: 'demo_member' }
        : fanName(dealName(home.names), fans.length);
      const member = {
        email: demo ? DEMO_MEMBER_EMAIL : `${handle.toLowerCase()}@${EMAIL_DOMAIN}`,
        handle,
        displayName,
        timezone: home.timezone,
        role: CommunityRole.MEMBER,
        joinedAt: seconds(nowMs - (14 + pick() * 380) * DAY),
      };
      list.push(member);
      fans.push(member);
    }
    fansOf.set(home, list);
  }
  const demoMember = fans.find((fan) => fan.email === DEMO_MEMBER_EMAIL)!;

  const date = screeningDateAfter(now);
  const screenings: PlannedEvent[] = SCREENING_CITIES.map((city) => {
    const startsAt = atLocal(date, city.localStart, city.timezone);
    return {
      title: `Alita: Battle Angel anniversary screening, ${city.city}`,
      campaign: 'tour',
      kind: EventKind.SCREENING,
      description:
        `The #AlitaArmy takes over ${city.venue} for Alita: Battle Angel on the big screen. ` +
        'Come early for the group photo; wear your Damascus-blade pins.',
      startsAt,
      endsAt: minutesAfter(startsAt, SCREENING_MINUTES),
      timezone: city.timezone,
      venue: {
        name: city.venue,
        address: city.address,
        city: city.city,
        country: city.country,
        latitude: city.latitude,
        longitude: city.longitude,
      },
      onlineUrl: null,
      capacity: city.capacity,
      createdAt: seconds(nowMs - 12 * DAY),
    };
  });

  const pushAt = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: 17 },
    { zone: 'UTC' },
  )
    .minus({ days: 7 })
    .toJSDate();
  const localPushTimes = PUSH_CLOCKS.map(([city, zone]) => {
    const local = DateTime.fromJSDate(pushAt, { zone });
    const nextDay = local.day !== pushAt.getUTCDate() ? ' the next day' : '';
    return `${local.toFormat('HH:mm')} in ${city}${nextDay}`;
  }).join(', ');
  const push: PlannedEvent = {
    title: '#AlitaArmy worldwide hashtag push',
    campaign: 'push',
    kind: EventKind.HASHTAG_PUSH,
    description:
      `Everyone posts #AlitaArmy #Alita2 at 17:00 UTC sharp (${localPushTimes}). ` +
      'One moment, one message: we want the sequel.',
    startsAt: pushAt,
    endsAt: minutesAfter(pushAt, 60),
    timezone: 'UTC',
    venue: null,
    onlineUrl: `https://x.com/hashtag/${DEMO_HASHTAG}`,
    capacity: null,
    createdAt: seconds(nowMs - 9 * DAY),
  };

  const partyAt = atLocal(date.plus({ days: 8 }), '11:00', organizer.timezone);
  const party: PlannedEvent = {
    title: 'Alita: Battle Angel anniversary watch party',
    campaign: 'party',
    kind: EventKind.WATCH_PARTY,
    description: 'Press play together at the countdown, chat along, and stay for the Q&A.',
    startsAt: partyAt,
    endsAt: minutesAfter(partyAt, SCREENING_MINUTES),
    timezone: organizer.timezone,
    venue: null,
    onlineUrl: `https://watch.${EMAIL_DOMAIN}/anniversary`,
    capacity: null,
    createdAt: seconds(nowMs - 6 * DAY),
  };

  const starts = screenings.map((event) => event.startsAt.getTime());
  const ends = screenings.map((event) => event.endsAt.getTime());
  const campaigns: PlannedCampaign[] = [
    {
      key: 'tour',
      kind: CampaignKind.SCREENING_TOUR,
      title: 'Alita anniversary screenings',
      description:
        `Alita: Battle Angel back on the big screen in ${screenings.length} cities on the ` +
        'same night. Fill the seats, show the studio the #AlitaArmy is real.',
      hashtags: [DEMO_HASHTAG, 'AlitaAnniversary'],
      startsAt: new Date(Math.min(...starts)),
      endsAt: new Date(Math.max(...ends)),
      goalMetric: GoalMetric.PARTICIPANTS,
      goalTarget: 500,
      createdAt: screenings[0].createdAt,
    },
    {
      key: 'push',
      kind: CampaignKind.HASHTAG_PUSH,
      title: '#AlitaArmy hashtag push',
      description: 'One worldwide moment to put #AlitaArmy and #Alita2 in the trends.',
      hashtags: [DEMO_HASHTAG, 'Alita2', 'AlitaBattleAngel'],
      startsAt: push.startsAt,
      endsAt: push.endsAt,
      goalMetric: GoalMetric.POSTS,
      goalTarget: 5000,
      createdAt: push.createdAt,
    },
    {
      key: 'party',
      kind: CampaignKind.WATCH_PARTY,
      title: 'Alita anniversary watch party',
      description: 'For everyone without a screening nearby: watch Alita together online.',
      hashtags: [DEMO_HASHTAG, 'AlitaWatchParty'],
      startsAt: party.startsAt,
      endsAt: party.endsAt,
      goalMetric: GoalMetric.PARTICIPANTS,
      goalTarget: 250,
      createdAt: party.createdAt,
    },
  ];

  // Who RSVPs to what, each event's list in its own join order.
  const rsvps = new Map<PlannedEvent, { member: PlannedMember; status: ParticipationStatus }[]>();
  SCREENING_CITIES.forEach((city, index) => {
    const cancelled = new Set(city.cancelled ?? []);
    let seated = 0;
    const list = fansOf
      .get(city)!
      .slice(0, city.rsvps)
      .map((member, place) => {
        let status = ParticipationStatus.WAITLISTED;
        if (cancelled.has(place)) status = ParticipationStatus.CANCELLED;
        else if (seated < city.capacity) {
          status = ParticipationStatus.GOING;
          seated++;
        }
        return { member, status };
      });
    rsvps.set(screenings[index], list);
  });
  const going = (member: PlannedMember) => ({ member, status: ParticipationStatus.GOING });
  rsvps.set(
    push,
    [...staff, ...fans.filter((fan, index) => fan === demoMember || index % 3 !== 2)].map(going),
  );
  const screeningFans = new Set(SCREENING_CITIES.flatMap((city) => fansOf.get(city)!));
  rsvps.set(
    party,
    [
      organizer,
      tokyoOrganizer,
      ...fans.filter(
        (fan, index) => fan !== demoMember && (!screeningFans.has(fan) || index % 5 === 0),
      ),
    ].map(going),
  );

  // Join times: each campaign's RSVPs interleave across its events, spread from the campaign's
  // creation to an hour ago; every list keeps its order, so join_seq order is waitlist order.
  const participations: PlannedParticipation[] = [];
  for (const campaign of campaigns) {
    const lists = [...rsvps].filter(([event]) => event.campaign === campaign.key);
    const merged: PlannedParticipation[] = [];
    for (let place = 0; merged.length < lists.reduce((n, [, l]) => n + l.length, 0); place++) {
      for (const [event, list] of lists) {
        const rsvp = list[place];
        if (!rsvp) continue;
        merged.push({
          event: event.title,
          member: rsvp.member.handle,
          status: rsvp.status,
          joinedAt: now,
          updatedAt: now,
        });
      }
    }
    const from = campaign.createdAt.getTime();
    const span = nowMs - 60 * 60 * 1000 - from;
    merged.forEach((participation, index) => {
      participation.joinedAt = seconds(from + ((index + 1) / (merged.length + 1)) * span);
      participation.updatedAt =
        participation.status === ParticipationStatus.CANCELLED
          ? seconds(Math.min(participation.joinedAt.getTime() + 2 * DAY, nowMs - 60_000))
          : participation.joinedAt;
    });
    participations.push(...merged);
  }
  participations.sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime());

  return {
    community: {
      slug: DEMO_COMMUNITY_SLUG,
      name: 'Alita Army',
      hashtag: DEMO_HASHTAG,
      description:
        'Fans of Alita: Battle Angel, campaigning for a sequel since 2019. Screenings, hashtag ' +
        'pushes and watch parties, worldwide.',
      createdAt: owner.joinedAt,
    },
    members: [...staff, ...fans],
    campaigns,
    events: [...screenings, push, party],
    participations,
    screeningDate: date.toISODate()!,
  };
}
