/**
 * `--faults`: the simulated year driven through the platform as a process of its own
 * (./platform-process.ts, reached over loopback HTTP), which is killed with SIGKILL at seeded moments of the
 * year and started again on the same data folder, and whose DynamoDB Local is killed with SIGKILL at other
 * seeded moments (the platform starts it again by itself). The simulator carries on as a real client
 * would: a request cut off by a kill, or answered 503 while the store restarts, is sent again with the same
 * Idempotency-Key (design.md, "An event's identity"); a move of the clock cut off is asked again (the
 * clock, kept in the folder, resumes where it was; every timer due by then fires at its own instant).
 *
 * The moments are simulated instants drawn from the seed; each kill lands a moment (0 to 300 ms of real
 * time, also drawn) after the stories acting at that instant were woken, while their requests are in flight.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPartnership } from '#core/process/catalogue';
import { partnership as defaultPartnership, workingDaysFor } from '#functions/runtime';
import { processCatalogue } from '#workflows/catalogue';
import { LocalSignIn } from '../auth';
import { ControllableClock } from '../clock';
import { freePort } from '../dynamodb-local';
import { type Platform, startPlatform } from '../platform';
import { isAlive } from '../processes';
import { type SynthesizedDefinitions, synthesizedDefinitions, useSynthesized } from '../synth';
import { Random } from './random';
import type { Person, RawAnswer, SimulationTarget } from './target';

/** The platform process's frozen clock, in the data folder. */
export const SIMULATION_CLOCK_FILE = 'simulation-clock.json';
/** What the platform process prints when it answers. */
export const READY_LINE = 'The simulated platform is ready';
/** Where the platform process's output goes (its errors while the store is down are expected there). */
export const PLATFORM_LOG = 'platform-process.log';

/** The definitions the platform process's first start synthesized (./platform-process.ts), in the data folder. */
export const SYNTHESIZED_FILE = 'synthesized.json';

/** Use the definitions synthesized for this data folder, if there are; else synthesize them and keep them there. */
export function synthesizedOnce(dataDir: string) {
  const file = join(dataDir, SYNTHESIZED_FILE);
  if (existsSync(file)) useSynthesized(JSON.parse(readFileSync(file, 'utf8')) as SynthesizedDefinitions);
  else {
    writeFileSync(`${file}.tmp`, JSON.stringify(synthesizedDefinitions()));
    renameSync(`${file}.tmp`, file);
  }
}

/** How long a request, or a move of the clock, is tried again before the run gives up. */
const GIVE_UP_MS = 180_000;

export interface FaultOptions {
  dataDir: string;
  seed: number;
  /** The simulation's first instant (a new folder's clock starts there) and its last. */
  start: Date;
  end: Date;
  /** How many times each: the platform's process killed, and DynamoDB Local killed. */
  kills: number;
  /** Told of each fault as it is injected. */
  log?: (line: string) => void;
}

type Fault = { at: number; kind: 'platform' | 'store' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until a process has exited. */
const exited = (proc: ChildProcess) =>
  proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => proc.once('exit', () => r()));

export class PlatformProcess implements SimulationTarget {
  readonly partnership = checkPartnership(processCatalogue, defaultPartnership);
  readonly workingDays = workingDaysFor(this.partnership);
  readonly faults = { platformKills: 0, storeKills: 0, retries: 0 };
  private proc: ChildProcess | undefined;
  private port = 0;
  private clock: Date;
  /** Resolves when the platform answers (replaced by a restart while it is under way). */
  private ready: Promise<void> = Promise.resolve();
  /** Faults run one after another. */
  private injecting: Promise<void> = Promise.resolve();
  private readonly schedule: Fault[];
  private readonly delays: Random;
  private readonly signIn: LocalSignIn;
  private readonly tokens = new Map<string, string>();
  private finished: Promise<Platform> | undefined;
  /** Set by `stop`: the faults still waiting are not injected. */
  private stopping = false;

  private constructor(private readonly options: FaultOptions) {
    this.clock = options.start;
    const rng = new Random(options.seed, 'faults');
    const span = options.end.getTime() - options.start.getTime();
    this.schedule = (['platform', 'store'] as const)
      .flatMap((kind) =>
        Array.from({ length: options.kills }, () => ({ at: options.start.getTime() + rng.next() * span, kind })),
      )
      .sort((a, b) => a.at - b.at);
    this.delays = rng.fork('delays');
    // The signing key is made here, before the platform reads it from the folder.
    mkdirSync(options.dataDir, { recursive: true });
    this.signIn = new LocalSignIn(options.dataDir);
  }

  /** The platform started as a process on a free loopback port, its clock at `start`. */
  static async start(options: FaultOptions): Promise<PlatformProcess> {
    const target = new PlatformProcess(options);
    target.port = await freePort();
    await target.launch();
    return target;
  }

  /** The instants the faults fall at, and what each kills (for the run's report). */
  get plan(): readonly { at: Date; kind: Fault['kind'] }[] {
    return this.schedule.map((f) => ({ at: new Date(f.at), kind: f.kind }));
  }

  now(): Date {
    return this.clock;
  }

  async moveTo(at: Date): Promise<number> {
    const answer = await this.call('POST', `/local/simulation/move?to=${encodeURIComponent(at.toISOString())}`);
    if (answer.status !== 200) throw new Error(`The clock could not move to ${at.toISOString()}: ${answer.body}`);
    const { now, fired } = JSON.parse(answer.body ?? '{}') as { now: string; fired: number };
    this.clock = new Date(now);
    while (this.schedule[0] && this.schedule[0].at <= at.getTime()) {
      const fault = this.schedule.shift()!;
      const delay = this.delays.int(0, 300);
      this.injecting = this.injecting.then(() => sleep(delay)).then(() => this.inject(fault.kind));
    }
    return fired;
  }

  async request(person: Person, method: string, path: string, body?: unknown, key?: string): Promise<RawAnswer> {
    return this.call(method, path, body, {
      authorization: `Bearer ${await this.tokenOf(person)}`,
      ...(key ? { 'idempotency-key': key } : {}),
    });
  }

  async idle() {
    await this.call('POST', '/local/simulation/settle?executions=only');
  }

  async settle() {
    await this.call('POST', '/local/simulation/settle');
  }

  /**
   * The faults not yet due are dropped (those due are injected first); the process is stopped, and a platform
   * in this process reads the store.
   */
  finish(): Promise<Platform> {
    this.finished ??= (async () => {
      this.schedule.length = 0;
      await this.injecting;
      await this.settle();
      await this.stopProcess();
      const clock = new ControllableClock(join(this.options.dataDir, SIMULATION_CLOCK_FILE), () => 0);
      synthesizedOnce(this.options.dataDir);
      return startPlatform({ dataDir: this.options.dataDir, clock });
    })();
    return this.finished;
  }

  /** Stop the platform process (if it runs) and the platform `finish` started (if it did). */
  async stop() {
    this.stopping = true;
    this.schedule.length = 0;
    await this.injecting.catch(() => undefined);
    await this.stopProcess();
    await this.finished?.then(
      (platform) => platform.stop(),
      () => undefined,
    );
  }

  private async stopProcess() {
    const proc = this.proc;
    if (!proc) return;
    this.proc = undefined;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited(proc);
  }

  private async tokenOf(person: Person): Promise<string> {
    const id = `${person.sub}|${person.role}|${person.organisation}|${person.schoolUrn ?? ''}`;
    let token = this.tokens.get(id);
    if (!token) {
      token = await this.signIn.token({ ...person, role: person.role as never });
      this.tokens.set(id, token);
    }
    return token;
  }

  /**
   * An HTTP call to the platform, sent again (the same call: the same Idempotency-Key) when the connection
   * was cut by a kill, or the answer is 503 (the store restarting: nothing recorded, or recorded once).
   */
  private async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const giveUpAt = Date.now() + GIVE_UP_MS;
    for (;;) {
      await this.ready;
      try {
        const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        if (res.status !== 503 || Date.now() > giveUpAt) return { status: res.status, ...(text ? { body: text } : {}) };
      } catch (error) {
        if (Date.now() > giveUpAt) throw error;
      }
      this.faults.retries++;
      await sleep(100);
    }
  }

  private inject(kind: Fault['kind']): Promise<void> {
    if (this.stopping || !this.proc) return Promise.resolve();
    if (kind === 'store') return this.killStore();
    const proc = this.proc;
    const javaPid = this.storePid();
    proc.kill('SIGKILL');
    this.faults.platformKills++;
    this.options.log?.(`  fault: the platform's process (pid ${proc.pid}) killed at ${this.clock.toISOString()}`);
    // Calls cut off by the kill wait for this before they are sent again.
    const killedAt = Date.now();
    this.ready = (async () => {
      await exited(proc);
      // Its DynamoDB Local goes with it (local/dynamodb-local.ts); a start would stop a leftover anyway.
      for (let i = 0; i < 200 && javaPid && isAlive(javaPid); i++) await sleep(50);
      await this.launch();
      this.options.log?.(
        `  fault: the platform's process started again in ${((Date.now() - killedAt) / 1000).toFixed(1)} s`,
      );
    })();
    return this.ready;
  }

  private async killStore() {
    const pid = this.storePid();
    if (!pid || !isAlive(pid)) return;
    process.kill(pid, 'SIGKILL');
    this.faults.storeKills++;
    this.options.log?.(`  fault: DynamoDB Local (pid ${pid}) killed at ${this.clock.toISOString()}`);
    // The platform starts it again by itself; the next fault waits until it has.
    const killedAt = Date.now();
    for (let i = 0; i < 1200; i++) {
      const now = this.storePid();
      if (now && now !== pid && isAlive(now)) break;
      await sleep(50);
    }
    this.options.log?.(`  fault: DynamoDB Local started again in ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
  }

  private storePid(): number | undefined {
    const file = join(this.options.dataDir, 'dynamodb.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8')) || undefined : undefined;
  }

  /** Start the platform process and wait until it answers. */
  private async launch() {
    const log = join(this.options.dataDir, PLATFORM_LOG);
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./platform-process.ts', import.meta.url))],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          PORT: String(this.port),
          RIGHTTIME_DATA: this.options.dataDir,
          RIGHTTIME_CLOCK_START: this.options.start.toISOString(),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The platform process was not ready in 120 s:\n${output}`)),
        120_000,
      );
      const onData = (d: Buffer) => {
        appendFileSync(log, d);
        if (output.length < 100_000) output += d.toString();
        if (output.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', onData);
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The platform process exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });
    this.proc = proc;
  }
}
