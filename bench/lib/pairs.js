/**
 * Fresh (member, event) pairs: each is handed out once, so every join the bench sends is a real
 * join and never an idempotent repeat. Throws when the pairs run out rather than repeating one.
 */
export class Pairs {
  /** Joins spread over `eventIds`: consecutive pairs are different members and events. */
  static spread(memberIds, eventIds) {
    const members = memberIds.length;
    const events = eventIds.length;
    return new Pairs('spread', members * events, (k) => {
      const member = k % members;
      // Member i's j-th join is to event i + j: unique while j < events.
      const event = (member + Math.floor(k / members)) % events;
      return { memberId: memberIds[member], eventId: eventIds[event] };
    });
  }

  /** Everyone joins the one event. */
  static oneEvent(name, memberIds, eventId) {
    return new Pairs(name, memberIds.length, (k) => ({ memberId: memberIds[k], eventId }));
  }

  constructor(name, size, pairAt) {
    this.name = name;
    this.size = size;
    this.pairAt = pairAt;
    this.used = 0;
  }

  next() {
    if (this.used >= this.size) {
      throw new Error(
        `Out of fresh ${this.name} pairs after ${this.used}; raise BENCH_TOKEN_MEMBERS (app) or BENCH_PLAIN_MEMBERS (bare pool), or shorten the rounds`,
      );
    }
    return this.pairAt(this.used++);
  }
}
