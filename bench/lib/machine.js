import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The commit dist/ was presumably built from, and whether src/ differed from it. */
function code() {
  try {
    const git = (...args) =>
      execFileSync('git', args, {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    const dirty = git('status', '--porcelain', '--', 'src', 'migrations').trim();
    return `commit ${commit}${dirty ? ' with uncommitted changes in src/ or migrations/' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

/** What the figures were measured on. */
export function machine(versions, loadBefore) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model;
  const memTotalKb = Number(/^MemTotal:\s*(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    nproc: os.availableParallelism(),
    cpu: model,
    ramGiB: (memTotalKb / 1024 / 1024).toFixed(1),
    node: process.version,
    postgres: versions.postgres,
    redis: versions.redis,
    os: `${os.type()} ${os.release()}`,
    code: code(),
    loadBefore: loadBefore.toFixed(2),
    loadAfter: os.loadavg()[0].toFixed(2),
  };
}
