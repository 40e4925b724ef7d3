/**
 * `npm start`: the whole platform on loopback, with demo data on first run.
 * Environment: PORT (default 8080), RIGHTTIME_DATA (default .local-data), RIGHTTIME_DEMO=0 to skip demo data.
 */
import { resolve } from 'node:path';
import { LocalSignIn } from './auth';
import { DataFolderInUse } from './data-lock';
import { hasCases, loadDemoSchools, seedDemo } from './demo';
import { startPlatform } from './platform';
import { createLocalServer } from './server';
import { localWeb } from './web';

const port = Number(process.env.PORT ?? 8080);
const dataDir = resolve(process.env.RIGHTTIME_DATA ?? '.local-data');

const startedAt = Date.now();
// Links in messages point at this platform, on whichever port it runs.
const platform = await startPlatform({ dataDir, logInbox: true, publicUrl: `http://127.0.0.1:${port}` }).catch(
  (error: unknown) => {
    if (!(error instanceof DataFolderInUse)) throw error;
    console.error(error.message);
    process.exit(1);
  },
);
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
