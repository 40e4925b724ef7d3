/**
 * `npm start`: the whole platform on loopback, with demo data on first run.
 * Environment: PORT (default 8080), RIGHTTIME_DATA (default .local-data), RIGHTTIME_DEMO=0 to skip demo data,
 * RIGHTTIME_CLOCK_START=<ISO-8601 instant> to start a new data folder's clock at that instant (the demo's
 * history is then laid out before it; a folder whose clock has started keeps its own time).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LocalSignIn } from './auth';
import { DataFolderInUse } from './data-lock';
import { hasCases, loadDemoSchools, seedDemo } from './demo';
import { startPlatform } from './platform';
import { createLocalServer } from './server';
import { localWeb } from './web';

const port = Number(process.env.PORT ?? 8080);
const dataDir = resolve(process.env.RIGHTTIME_DATA ?? '.local-data');

const startedAt = Date.now();
const clockStart = clockStartOf(process.env.RIGHTTIME_CLOCK_START);
// Links in messages point at this platform, on whichever port it runs.
const platform = await startPlatform({
  dataDir,
  logInbox: true,
  publicUrl: `http://127.0.0.1:${port}`,
  ...(clockStart ? { startAt: clockStart } : {}),
}).catch((error: unknown) => {
  if (!(error instanceof DataFolderInUse)) throw error;
  console.error(error.message);
  process.exit(1);
});
console.log(
  `DynamoDB Local and the synthesized state machines are running (data in ${dataDir}; platform pid ${process.pid}).`,
);

// Anything that fell due while the platform was stopped fires now, in due order, marked late.
const late = await platform.scheduler.fireDue();
const delivered = await platform.deliverOutbox();
if (late || delivered)
  console.log(`Caught up after the restart: ${late} timers fired late, ${delivered} messages delivered.`);

if (process.env.RIGHTTIME_DEMO !== '0') {
  const schools = await loadDemoSchools(platform);
  if (schools) console.log(`Demo school directory: ${schools} Riverside schools loaded.`);
  if (!(await hasCases(platform))) await seedDemo(platform, console.log);
}
platform.scheduler.start(1000);
setInterval(() => void platform.deliverOutbox().catch(() => undefined), 1000).unref();

const server = createLocalServer(platform, new LocalSignIn(dataDir), { web: localWeb(platform, { dataDir }) });
server.listen(port, '127.0.0.1', () => {
  console.log(`
RightTime is running at http://127.0.0.1:${port}/ (ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)
  Pages:        http://127.0.0.1:${port}/app/   (sign in as any demo user)
  Sign in:      curl -s -X POST http://127.0.0.1:${port}/local/token -d '{"username":"alex"}'
  Clock:        curl -s http://127.0.0.1:${port}/local/clock   (move it: npm run clock -- --working-days 21)
  Inbox:        curl -s http://127.0.0.1:${port}/local/inbox
Press Ctrl+C to stop; data is kept in ${dataDir}.`);
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await platform.stop();
    process.exit(0);
  });
}

/** The instant a new data folder's clock starts at, if one is asked for; a folder whose clock has started keeps it. */
function clockStartOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const instant = new Date(value);
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(instant.getTime())
  ) {
    console.error(
      `RIGHTTIME_CLOCK_START must be an ISO-8601 instant with a time zone, e.g. 2027-01-11T09:00:00Z (got '${value}')`,
    );
    process.exit(1);
  }
  if (existsSync(join(dataDir, 'clock.json'))) {
    console.log(`RIGHTTIME_CLOCK_START is set, but ${dataDir} already has a clock: it keeps its own time.`);
    return undefined;
  }
  return instant;
}
