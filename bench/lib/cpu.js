import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // getconf CLK_TCK = 100 on Linux

function ticksOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null; // gone
  }
}

/** The PostgreSQL backends serving `database` (their command line names it). */
function backendsOf(database) {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.startsWith('postgres: ') && cmdline.includes(` ${database} `)) pids.push(entry);
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * CPU time spent by the server under test, by the PostgreSQL backends of the bench database
 * and by this process (the load generator or the bare pool) between start() and stop().
 */
export function cpuMeter({ serverPid, database }) {
  const snapshot = () => ({
    server: serverPid ? ticksOf(serverPid) : 0,
    postgres: new Map(backendsOf(database).map((pid) => [pid, ticksOf(pid) ?? 0])),
    self: process.cpuUsage(),
  });
  const before = snapshot();
  return () => {
    const after = snapshot();
    let postgres = 0;
    for (const [pid, ticks] of after.postgres) postgres += ticks - (before.postgres.get(pid) ?? 0);
    const self = process.cpuUsage(before.self);
    return {
      serverMs: (after.server - before.server) * TICK_MS,
      postgresMs: postgres * TICK_MS,
      benchMs: (self.user + self.system) / 1000,
    };
  };
}
