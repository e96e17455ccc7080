import { median } from './stats.js';

/** The Markdown report: docs/BENCHMARKS.md's generated part, printed to stdout. */

const ms = (value) => `${value.toFixed(1)} ms`;
const rps = (value) => `${Math.round(value)} req/s`;
const raw = (figures) =>
  figures.text ?? `${rps(figures.rps)}<br>p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}`;

function met(figure) {
  const { op, value } = figure.target;
  const within = op === '>=' ? figure.ratio >= value : figure.ratio <= value;
  const failed = (figure.subject?.bad ?? 0) + (figure.baseline?.bad ?? 0);
  if (failed) return `**invalid**: ${failed} failed requests`;
  if (!Number.isFinite(figure.ratio)) return '**not measured**';
  return within && figure.extraOk !== false ? 'yes' : '**NO**';
}

/** Units of figures that are a quantity of their own, not a ratio to a baseline. */
const DECIMALS = { s: 2, ms: 0, jobs: 0, MB: 0 };
const ratioText = (figure) => {
  if (figure.unit === 'statements') return `${figure.ratio.toFixed(2)} statements`;
  const decimals = DECIMALS[figure.unit] ?? 2;
  const unit = figure.unit in DECIMALS ? ` ${figure.unit}` : figure.unit;
  const range = figure.range.map((v) => v.toFixed(decimals)).join('–');
  return `**${figure.ratio.toFixed(decimals)}${unit}**<br>(rounds ${range})`;
};
const cpuMs = (value) => (Number.isFinite(value) ? value.toFixed(2) : '—');

const targetText = ({ target, unit }) =>
  `${target.op === '>=' ? '≥' : '≤'} ${target.value}${unit === 'statements' ? '' : unit in DECIMALS ? ` ${unit}` : '×'}`;

export function report({
  machine,
  settings,
  poolSize,
  figures,
  checks,
  notes,
  roundsByVariant,
  sections,
  elapsed,
}) {
  const lines = [];
  const { rounds, seconds, warmupSeconds, connections } = settings;
  lines.push(
    '## Results',
    '',
    `Measured ${machine.date} by \`npm run bench\` (${Math.round(elapsed)} s in all).`,
    '',
    `- Machine: ${machine.nproc} CPUs (\`nproc\`), ${machine.cpu}, ${machine.ramGiB} GiB RAM, ${machine.os}`,
    `- Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}`,
    `- Code: ${machine.code}, as built into dist/`,
    `- Load average (1 min) ${machine.loadBefore} at the start, ${machine.loadAfter} at the end (the machine may be shared: interleaving is what keeps the ratios fair)`,
    `- ${rounds} interleaved rounds of ${seconds} s per variant after a ${warmupSeconds} s warm-up each; ${connections} connections (or workers); app pool ${poolSize} PostgreSQL connections (\`BENCH_POOL_SIZE\`), bare pool the same`,
    '',
    '| # | Measure | Subject (median) | Baseline (median) | Ratio (median of rounds) | Target | Met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const figure of figures) {
    lines.push(
      `| ${figure.id} | ${figure.measure} | ${figure.subject ? raw(figure.subject) : (figure.text ?? '')} | ${figure.baseline ? raw(figure.baseline) : '—'} | ${ratioText(figure)} | ${targetText(figure)} | ${met(figure)} |`,
    );
  }
  lines.push('', '### Checks', '');
  for (const check of checks) {
    lines.push(`- ${check.ok ? 'OK' : '**FAILED**'}: ${check.name}: ${check.detail}.`);
  }
  if (notes.length) {
    lines.push('', '### Round trips', '');
    for (const note of notes) lines.push(`- ${note}.`);
  }
  if (Object.keys(roundsByVariant).length) {
    lines.push('', '### Every round (req/s; p99 ms)', '');
    lines.push(
      `| Phase | Variant | ${Array.from({ length: rounds }, (_, i) => `Round ${i + 1}`).join(' | ')} |`,
      `| --- | --- | ${Array.from({ length: rounds }, () => '---').join(' | ')} |`,
    );
    for (const [phase, variants] of Object.entries(roundsByVariant)) {
      for (const [name, results] of Object.entries(variants)) {
        const cells = results.map((r) => `${Math.round(r.rps)}; ${r.p99.toFixed(1)}`);
        lines.push(`| ${phase} | ${name} | ${cells.join(' | ')} |`);
      }
    }
    lines.push(
      '',
      '### Where the CPU goes (medians of rounds; ms of CPU per successful request)',
      '',
      "Server: the process answering (the app or a minimal app; `—` for the bare pool). PostgreSQL: the backends of the bench database. Bench: this process (autocannon, or the bare pool and its 50 workers). Busy: the server's CPU time over the round's wall time (100% = one core; a little more is GC and I/O threads). Loop delay: how long the server's callbacks waited for its event loop (p50 / p99), which a request pays again at every await, each database round trip included.",
      '',
      '| Phase | Variant | req/s | Server | Server busy | Loop delay | PostgreSQL | Bench |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const [phase, variants] of Object.entries(roundsByVariant)) {
      for (const [name, results] of Object.entries(variants)) {
        const of = (key) => median(results.map((r) => r.cpu[key]));
        const busy = of('serverBusy');
        const loop = Number.isFinite(of('loopDelayP99'))
          ? `${of('loopDelayP50').toFixed(1)} / ${of('loopDelayP99').toFixed(1)} ms`
          : '—';
        lines.push(
          `| ${phase} | ${name} | ${Math.round(median(results.map((r) => r.rps)))} | ${cpuMs(of('server'))} | ${Number.isFinite(busy) ? `${Math.round(busy * 100)}%` : '—'} | ${loop} | ${cpuMs(of('postgres'))} | ${cpuMs(of('bench'))} |`,
        );
      }
    }
  }
  const failures = Object.values(roundsByVariant)
    .flatMap((variants) => Object.entries(variants))
    .filter(([, results]) => results.some((r) => r.bad));
  if (failures.length) {
    lines.push('', '### Failed requests', '');
    for (const [name, results] of failures) {
      const bad = results.reduce((sum, r) => sum + r.bad, 0);
      const first = results.find((r) => r.firstError)?.firstError ?? 'no body';
      lines.push(`- ${name}: ${bad} (first: \`${first.replaceAll('`', "'")}\`)`);
    }
  }
  for (const section of sections) lines.push('', ...section);
  return `${lines.join('\n')}\n`;
}
