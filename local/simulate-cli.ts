/**
 * `npm run simulate -- --year 2026 [--years 2] [--seed 1] [--scale 1] [--scenario file.json] [--out board.json]
 * [--faults [N]]` drives a partnership's year (by default the year before it too, so the board has last year beside it)
 * through the real local platform, in a fresh data folder (RIGHTTIME_DATA, default .simulation-data), then
 * prints how it went and checks every board measure against the simulator's own ledger. `--out` writes the
 * board's figures as the API answers a commissioner (the same bytes for the same seed, scale and scenario).
 * Afterwards `RIGHTTIME_DATA=<folder> npm start` serves the simulated partnership: sign in as a commissioner
 * and open /app/board/2026.
 *
 * `--faults [N]` (default 4) runs the platform as a process of its own and kills it with SIGKILL N times at
 * seeded moments of the year, and its DynamoDB Local N times at others, each started again on the same data
 * folder (local/simulation/faults.ts): the board's figures and the messages delivered (`deliveries.json` in
 * the data folder) are the same as the same seed's run without faults. It prints how long it took, to read
 * beside the run without faults (at most 1.5 times).
 *
 * `npm run simulate -- --compare base.json scenario.json` prints two boards' measures side by side.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { endOfLondonDay } from '#core/calendar/index';
import type { BoardAnswer, BoardMonth } from '#core/measures/board';
import { ControllableClock } from './clock';
import { DataFolderInUse } from './data-lock';
import { startPlatform } from './platform';
import { defaultConfig, readScenario } from './simulation/config';
import { formatCostReport } from './simulation/cost';
import { repeated } from './simulation/deliveries';
import { PlatformProcess } from './simulation/faults';
import { simulate, simulationStart } from './simulation/run';

// `--faults` alone is four of each; `--faults N`, N of each.
const argv = process.argv.slice(2).flatMap((a, i, all) => {
  if (a !== '--faults') return all[i - 1] === '--faults' && /^\d+$/.test(a) ? [] : [a];
  const next = all[i + 1];
  return [next && /^\d+$/.test(next) ? `--faults=${next}` : '--faults=4'];
});

const OPTIONS = {
  year: { type: 'string' },
  years: { type: 'string', default: '2' },
  seed: { type: 'string', default: '1' },
  scale: { type: 'string', default: '1' },
  scenario: { type: 'string' },
  out: { type: 'string' },
  until: { type: 'string' },
  'slot-minutes': { type: 'string', default: '60' },
  compare: { type: 'boolean', default: false },
  faults: { type: 'string' },
} as const;

const USAGE =
  'npm run simulate -- --year 2026 [--years 2] [--seed 1] [--scale 1] [--until <instant>] [--scenario file.json] ' +
  '[--out board.json] [--faults [N]] [--slot-minutes 60]\n' +
  '       npm run simulate -- --compare base.json scenario.json\n' +
  'The data folder is RIGHTTIME_DATA (default .simulation-data). More: docs/board.md.';

if (argv.includes('--help') || argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

const parsed = (() => {
  try {
    return parseArgs({ options: OPTIONS, args: argv, allowPositionals: true, strict: true });
  } catch (e) {
    // An option it does not know, or one missing its value: say which, and how it is used.
    console.error(`${(e as Error).message.split('. ')[0]}.\n\n${USAGE}`);
    process.exit(2);
  }
})();
const { values } = parsed;

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

if (values.compare) {
  const files = process.argv.slice(2).filter((a) => a.endsWith('.json'));
  if (files.length !== 2) fail('--compare takes two board files: npm run simulate -- --compare a.json b.json');
  printComparison(files[0]!, files[1]!);
  process.exit(0);
}

const year = Number(values.year);
if (!values.year || !Number.isInteger(year) || year < 2025 || year > 2099)
  fail('--year is required: a year from 2025 (the term calendars shipped and loaded start in 2024/25)');
const years = Number(values.years);
const seed = Number(values.seed);
const scale = Number(values.scale);
const slotMinutes = Number(values['slot-minutes']);
if (!Number.isInteger(years) || years < 1 || years > 3) fail('--years must be 1, 2 or 3');
if (!Number.isInteger(seed)) fail('--seed must be a whole number');
if (!(scale > 0 && scale <= 10)) fail('--scale must be above 0 and at most 10');
if (!Number.isInteger(slotMinutes) || slotMinutes < 1 || 1440 % slotMinutes) fail('--slot-minutes must divide a day');
const until = values.until ? new Date(values.until) : undefined;
if (until && Number.isNaN(until.getTime())) fail('--until must be an ISO-8601 instant');
const config = values.scenario ? readScenario(values.scenario) : defaultConfig;
const kills = values.faults === undefined ? 0 : Number(values.faults);
if (!Number.isInteger(kills) || kills < 0 || kills > 100) fail('--faults takes how many kills of each, 0 to 100');

const dataDir = resolve(process.env.RIGHTTIME_DATA ?? '.simulation-data');
if (existsSync(dataDir) && readdirSync(dataDir).length)
  fail(`${dataDir} is not empty: a simulation starts in a fresh data folder (delete it, or set RIGHTTIME_DATA)`);

const start = simulationStart({ year, years });
const end = until ?? endOfLondonDay(`${year}-12-31`);
// With faults, the platform is a process of its own (killed and started again); otherwise it runs here.
const target = await (values.faults !== undefined
  ? PlatformProcess.start({ dataDir, seed, start, end, kills, log: console.log })
  : startPlatform({ dataDir, frozen: true, startAt: start, meter: true })
).catch((error: unknown) => {
  if (error instanceof DataFolderInUse) fail(error.message);
  throw error;
});
console.log(
  `Simulating ${years === 1 ? year : `${year - years + 1} to ${year}`} (seed ${seed}, scale ${scale}${
    values.scenario ? `, scenario ${values.scenario}` : ''
  }) through the local platform${
    target instanceof PlatformProcess
      ? `, a process of its own killed ${kills} times and its DynamoDB Local ${kills} times`
      : ''
  }; data in ${dataDir}`,
);
let lastMonth = '';
const began = Date.now();
const result = await simulate(target, {
  year,
  years,
  seed,
  scale,
  config,
  slotMinutes,
  ...(until ? { until } : {}),
  progress: (day, stats) => {
    const month = day.slice(0, 7);
    if (month === lastMonth) return;
    lastMonth = month;
    console.log(
      `  ${month}: ${stats.requests} requests, ${stats.timersFired} timers fired so far ` +
        `(${((Date.now() - began) / 1000).toFixed(0)} s)`,
    );
  },
}).catch(async (error: unknown) => {
  // The platform (with faults, a process of its own and its DynamoDB Local) is not left running.
  await target.stop().catch(() => undefined);
  throw error;
});
await target.stop();
// The data folder's clock continues from where the simulation ended, for `npm start` on it.
const clock = ControllableClock.inFolder(dataDir);
if (result.end.getTime() >= clock.now().getTime()) clock.set(result.end);
else clock.rewindForSeeding(result.end);

const s = result.stats;
console.log(
  `\nDone in ${s.seconds.toFixed(1)} s: ${s.requests} requests (${Object.entries(s.byStatus)
    .map(([k, v]) => `${v} × ${k}`)
    .join(', ')}), ${s.timersFired} timers fired, ${s.messages} messages delivered, ${s.cases} cases, ` +
    `${s.instants} instants of the simulated clock.`,
);
if (result.faults)
  console.log(
    `With faults: the platform's process killed ${result.faults.platformKills} times, DynamoDB Local ` +
      `${result.faults.storeKills} times; ${result.faults.retries} calls sent again. Read ${s.seconds.toFixed(1)} s ` +
      `beside the same seed's run without --faults (at most 1.5 times as long). No cost is counted with faults.`,
  );
const twice = repeated(result.deliveries);
console.log(
  twice.length
    ? `Messages delivered more than once (${twice.length}):\n  ${twice.slice(0, 10).join('\n  ')}`
    : `Every message delivered once (${result.deliveries.length}; in deliveries.json, to compare with another run).`,
);
if (s.refusals.length) console.log(`Refused (${s.refusals.length}):\n  ${s.refusals.slice(0, 10).join('\n  ')}`);
if (s.failures.length)
  console.log(`Stories that failed (${s.failures.length}):\n  ${s.failures.slice(0, 5).join('\n  ')}`);
const measureCount = result.counts.reduce((n, c) => n + c.stored.length, 0);
const differences = result.counts.flatMap(({ process, ledger, stored }) =>
  stored
    .filter((m) => JSON.stringify(m) !== JSON.stringify(ledger.find((l) => l.id === m.id)))
    .map((m) => `${process}/${m.id}`),
);
console.log(
  differences.length
    ? `The board differs from the simulator's ledger in: ${differences.join(', ')}`
    : `Every board measure equals the simulator's ledger (${measureCount} measures).`,
);
writeFileSync(join(dataDir, 'deliveries.json'), `${JSON.stringify(result.deliveries, null, 1)}\n`);
writeFileSync(join(dataDir, 'ledger.json'), `${JSON.stringify(result.ledger.journal, null, 1)}\n`);
if (result.cost) {
  console.log(`\n${formatCostReport(result.cost)}`);
  writeFileSync(join(dataDir, 'cost.json'), `${JSON.stringify(result.cost, null, 1)}\n`);
}
if (values.out) {
  writeFileSync(values.out, `${JSON.stringify(result.board, null, 2)}\n`);
  console.log(`The board's figures: ${values.out}`);
  // The cost beside the board, in its own file: the board's bytes stay the same for the same seed.
  if (result.cost) {
    const costFile = values.out.replace(/(\.json)?$/, '.cost.json');
    writeFileSync(costFile, `${JSON.stringify(result.cost, null, 1)}\n`);
    console.log(`The cost per case-year: ${costFile}`);
  }
}
console.log(
  `Serve it: RIGHTTIME_DATA=${dataDir} RIGHTTIME_DEMO=0 npm start, then /app/board/${year} as a commissioner.`,
);
process.exit(differences.length || s.failures.length || s.refusals.length || twice.length ? 1 : 0);

/** Two boards' measures side by side: each measure's year total (or share), and the difference. */
function printComparison(a: string, b: string) {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as BoardAnswer;
  const [left, right] = [read(a), read(b)];
  const shown = (kind: string, row: BoardMonth | undefined): string => {
    if (!row) return '';
    const v = kind === 'share' ? row.share : kind === 'values' ? row.median : row.count;
    if (typeof v !== 'number') return String(v ?? '');
    return kind === 'share' ? `${(v * 100).toFixed(1)}%` : String(v);
  };
  const lines: string[][] = [['measure', a, b, 'difference']];
  for (const p of left.processes) {
    lines.push([`${p.title}`, '', '', '']);
    const other = right.processes.find((x) => x.process === p.process);
    for (const m of p.measures) {
      if (!m.years) continue;
      const x = m.years[0]?.months.total;
      const y = other?.measures.find((o) => o.id === m.id)?.years?.[0]?.months.total;
      const num = (r: BoardMonth | undefined) =>
        m.kind === 'share' ? r?.share : m.kind === 'values' ? r?.median : r?.count;
      const [nx, ny] = [num(x), num(y)];
      const diff =
        typeof nx === 'number' && typeof ny === 'number'
          ? m.kind === 'share'
            ? `${((ny - nx) * 100).toFixed(1)} points`
            : `${Math.round((ny - nx) * 10) / 10}`
          : '';
      lines.push([`  ${m.title}`, shown(m.kind, x), shown(m.kind, y), diff]);
    }
  }
  const widths = lines[0]!.map((_c, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const l of lines) console.log(l.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  '));
}
