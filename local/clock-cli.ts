/**
 * `npm run clock -- --working-days 21` (or --days N, --hours N, --minutes N, --to ISO-8601): move the
 * running local platform's clock forward; with no arguments, show it. PORT as for `npm start`.
 */
const port = Number(process.env.PORT ?? 8080);
const args = process.argv.slice(2);
const flags: Record<string, string> = {};
for (let i = 0; i < args.length; i += 2) flags[args[i]!.replace(/^--/, '')] = args[i + 1] ?? '';

const units: Record<string, string> = {
  'working-days': 'workingDays',
  days: 'days',
  hours: 'hours',
  minutes: 'minutes',
};
const usage =
  'usage: npm run clock -- [--working-days N | --days N | --hours N | --minutes N | --to 2027-01-20T09:00:00Z]';
const unknown = Object.keys(flags).filter((k) => k !== 'to' && !(k in units));
if (unknown.length || Object.keys(flags).length > 1) {
  console.error(unknown.length ? `Unknown option --${unknown[0]}\n${usage}` : `Give one option at a time\n${usage}`);
  process.exit(2);
}
let body: unknown;
if (flags.to) body = { to: flags.to };
else {
  const entry = Object.entries(flags).find(([k]) => k in units);
  if (entry) body = { advance: { [units[entry[0]]!]: Number(entry[1]) } };
}

const url = `http://127.0.0.1:${port}/local/clock`;
try {
  const response = body
    ? await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    : await fetch(url);
  console.log(await response.text());
  process.exitCode = response.ok ? 0 : 1;
} catch {
  console.error(`Could not reach the local platform at ${url}: is \`npm start\` running?`);
  process.exitCode = 1;
}

export {};
