/**
 * The platform as a process of its own, for `npm run simulate -- --faults` (./faults.ts starts it, kills it
 * with SIGKILL and starts it again): what `npm start` runs (local/main.ts: the platform with its own DynamoDB
 * Local, the local server's API and routes on loopback), with a frozen clock kept in the data folder, so a
 * restart resumes at the very instant the simulation had reached, and two routes of the simulator's own:
 *
 * - `POST /local/simulation/move?to=<instant>`: move the clock there, each timer due on the way fired at
 *   its own instant (the same as the in-process simulation's move); answers `{ now, fired }`.
 * - `POST /local/simulation/settle[?executions=only]`: answers once executions (and deliveries) have settled.
 *
 * Environment: PORT, RIGHTTIME_DATA, RIGHTTIME_CLOCK_START (a new folder's clock starts there).
 */
import { existsSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { errorKind } from '#functions/observability';
import { LocalSignIn } from '../auth';
import { ControllableClock } from '../clock';
import { startPlatform } from '../platform';
import { createLocalServer } from '../server';
import { READY_LINE, SIMULATION_CLOCK_FILE, synthesizedOnce } from './faults';

const port = Number(process.env.PORT);
const dataDir = resolve(process.env.RIGHTTIME_DATA ?? '');
const file = join(dataDir, SIMULATION_CLOCK_FILE);
const fresh = !existsSync(file);
// Frozen (real time adds nothing), kept in the folder: the instant survives kill -9.
const clock = new ControllableClock(file, () => 0);
if (fresh) clock.rewindForSeeding(new Date(process.env.RIGHTTIME_CLOCK_START ?? ''));

// A wake-up that failed (the store was restarting) is tried again at once by the next move, so the
// clock never moves past a timer still due.
synthesizedOnce(dataDir);
const platform = await startPlatform({ dataDir, clock, timerRetryDelayMs: 0 });
// What was due when the platform was killed fires now, at the instant the clock had reached (as main.ts).
await platform.scheduler.fireDue();
await platform.deliverOutbox();

const local = createLocalServer(platform, new LocalSignIn(dataDir));
const answer = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', ...(status === 503 ? { 'retry-after': '1' } : {}) });
  res.end(JSON.stringify(body));
};
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (!url.pathname.startsWith('/local/simulation/')) return void local.emit('request', req, res);
  req.resume();
  void (async () => {
    try {
      if (req.method === 'POST' && url.pathname === '/local/simulation/move') {
        const to = new Date(url.searchParams.get('to') ?? '');
        if (Number.isNaN(to.getTime())) return answer(res, 400, { error: 'to: must be an ISO-8601 instant' });
        if (to < platform.clock.now())
          return answer(res, 400, { error: `to: must not be before ${platform.clock.now().toISOString()}` });
        const [due] = await platform.scheduler.pending(to, 1);
        let fired = 0;
        if (due) fired = (await platform.advanceTo(to)).fired;
        else platform.clock.set(to);
        return answer(res, 200, { now: platform.clock.now().toISOString(), fired });
      }
      if (req.method === 'POST' && url.pathname === '/local/simulation/settle') {
        if (url.searchParams.get('executions') === 'only') await platform.stepFunctions.idle();
        else await platform.settle();
        return answer(res, 200, { now: platform.clock.now().toISOString() });
      }
      return answer(res, 404, { error: 'no such route' });
    } catch (error) {
      // The store went away (a fault): nothing is lost, the simulator asks again.
      console.error(JSON.stringify({ level: 'error', where: 'simulated-platform', ...errorKind(error) }));
      return answer(res, 503, { error: 'try again' });
    }
  })();
});
server.listen(port, '127.0.0.1', () => console.log(`${READY_LINE} on port ${port} (pid ${process.pid}).`));

process.once('SIGTERM', async () => {
  server.close();
  await platform.stop();
  process.exit(0);
});
