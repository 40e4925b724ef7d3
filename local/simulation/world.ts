/**
 * The simulated world: stories (a family, a child in care, a police incident, a young person in crisis),
 * each an async function that waits for instants of the simulated year and acts through the real API as
 * the people in it would, and the engine that moves the platform's clock from one instant to the next.
 *
 * The engine keeps every story's next instant in a queue. It moves the platform's controllable clock to
 * the soonest (the platform's scheduler fires every timer due on the way, each at its own instant, and
 * the outbox is delivered), wakes every story waiting for that instant at once, and waits until each has
 * acted and is waiting again, or has ended, before it moves on. Stories waiting for the same instant act
 * side by side (their requests in parallel); each draws from its own random stream, so the year is the
 * same for the same seed whatever order their answers come in.
 *
 * Requests go to the platform (./target.ts: the API's handler in-process, with the claims the sign-in would
 * give the person, or over loopback HTTP to a platform process that faults kill): through validation, the
 * rules, the commit and delivery like any other request. Each carries an Idempotency-Key, so one answered
 * 503, or cut off by a kill, is sent again safely.
 */
import { Random } from './random';
import type { Person, SimulationTarget } from './target';

export type { Person } from './target';

/** What the API answered: its status and its JSON body (the fields the stories read). */
export interface Answer {
  status: number;
  body: {
    caseId?: string;
    eventId?: string;
    outcome?: string;
    clocks?: { id: string; status: string; dueAt: string }[];
    results?: { eventId: string; caseId: string; outcome: string }[];
    details?: unknown;
    error?: unknown;
    rejection?: { status?: number };
    [field: string]: unknown;
  };
}

interface Waiter {
  at: number;
  seq: number;
  wake: () => void;
}

/** A binary heap of waiters, soonest first (ties in the order they started waiting). */
class Queue {
  private items: Waiter[] = [];
  get size() {
    return this.items.length;
  }
  peek(): Waiter | undefined {
    return this.items[0];
  }
  private less(a: Waiter, b: Waiter) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
  push(w: Waiter) {
    const xs = this.items;
    xs.push(w);
    for (let i = xs.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.less(xs[i]!, xs[p]!)) break;
      [xs[i], xs[p]] = [xs[p]!, xs[i]!];
      i = p;
    }
  }
  pop(): Waiter | undefined {
    const xs = this.items;
    const top = xs[0];
    const last = xs.pop();
    if (xs.length && last) {
      xs[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < xs.length && this.less(xs[l]!, xs[m]!)) m = l;
        if (r < xs.length && this.less(xs[r]!, xs[m]!)) m = r;
        if (m === i) break;
        [xs[i], xs[m]] = [xs[m]!, xs[i]!];
        i = m;
      }
    }
    return top;
  }
}

export interface WorldStats {
  requests: number;
  byStatus: Record<string, number>;
  /** Requests refused (4xx) that a story did not expect: each a mistake of the simulator or the platform. */
  refusals: string[];
  /** Stories that threw. */
  failures: string[];
  timersFired: number;
  instants: number;
}

export class World {
  private readonly queue = new Queue();
  private seq = 0;
  private running = 0;
  private quiet: (() => void) | undefined;
  readonly stats: WorldStats = { requests: 0, byStatus: {}, refusals: [], failures: [], timersFired: 0, instants: 0 };
  private keyCount = 0;

  constructor(
    readonly platform: SimulationTarget,
    readonly seed: number,
    /** Actions of people are made at whole slots of this many minutes (work done in batches, as people do). */
    readonly slotMinutes = 30,
  ) {}

  now(): Date {
    return this.platform.now();
  }

  /** A random stream of a story's own. */
  random(key: string): Random {
    return new Random(this.seed, key);
  }

  /** The first whole slot at or after an instant (08:10 with 30-minute slots: 08:30). */
  slot(instant: Date): Date {
    const ms = this.slotMinutes * 60_000;
    return new Date(Math.ceil(instant.getTime() / ms) * ms);
  }

  /** Wait until the clock reaches `instant` (at once, in turn, if it has). */
  at(instant: Date): Promise<void> {
    this.running--;
    if (this.running === 0) this.quiet?.();
    return new Promise((resolve) => {
      this.queue.push({
        at: Math.max(instant.getTime(), this.now().getTime()),
        seq: this.seq++,
        wake: () => {
          this.running++;
          resolve();
        },
      });
    });
  }

  /** Start a story at an instant; its failure is counted, never thrown. */
  spawn(key: string, at: Date, story: () => Promise<void>) {
    this.queue.push({
      at: at.getTime(),
      seq: this.seq++,
      wake: () => {
        this.running++;
        void story()
          .catch((error: unknown) => {
            this.stats.failures.push(`${key}: ${(error as Error).stack ?? String(error)}`);
          })
          .finally(() => {
            this.running--;
            if (this.running === 0) this.quiet?.();
          });
      },
    });
  }

  /** Run every story until `until`, then move the clock there (timers due by then fire). */
  async run(until: Date, onInstant?: (at: Date) => void) {
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > until.getTime()) break;
      const at = next.at;
      if (at > this.now().getTime()) this.stats.timersFired += await this.platform.moveTo(new Date(at));
      this.stats.instants++;
      onInstant?.(new Date(at));
      const woken: Waiter[] = [];
      while (this.queue.peek() && this.queue.peek()!.at <= at) woken.push(this.queue.pop()!);
      const settled = new Promise<void>((resolve) => {
        this.quiet = resolve;
      });
      for (const w of woken) w.wake();
      if (this.running > 0) await settled;
      this.quiet = undefined;
    }
    if (until.getTime() > this.now().getTime()) this.stats.timersFired += await this.platform.moveTo(until);
  }

  /**
   * A request to the API as a person, answered as the API answers it. A 202 (still being applied) is
   * followed to its outcome; a 503 (nothing recorded), or a 202 whose execution ended with no outcome
   * recorded (cut off by a fault), is sent again with the same Idempotency-Key.
   */
  api(person: Person, method: string, path: string, body?: unknown): Promise<Answer> {
    return this.send(person, method, path, body, method === 'GET' ? undefined : this.nextKey());
  }

  private nextKey() {
    return `sim-${this.seed}-${++this.keyCount}`;
  }

  private async send(person: Person, method: string, path: string, body: unknown, key?: string): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.platform.request(person, method, path, body, key);
      this.stats.requests++;
      const status = result.status;
      this.stats.byStatus[status] = (this.stats.byStatus[status] ?? 0) + 1;
      const parsed = result.body ? JSON.parse(result.body) : undefined;
      if (status === 503 && attempt < 20) {
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      if (status === 202) {
        const outcome = await this.outcomeOf(person, parsed.eventId as string);
        if (outcome) return outcome;
        if (attempt < 20) continue;
        throw new Error(`The outcome of ${parsed.eventId} never came`);
      }
      return { status, body: parsed ?? {} };
    }
  }

  /**
   * The outcome of an event still being applied: waited for, then read as its sender may; undefined when
   * no execution is running and still none is recorded (its execution was cut off: the request is sent again).
   */
  async outcomeOf(person: Person, eventId: string): Promise<Answer | undefined> {
    for (let i = 0; i < 20; i++) {
      await this.platform.idle();
      const result = await this.platform.request(person, 'GET', `/events/${eventId}`);
      if (result.status === 200 && result.body) {
        const body = JSON.parse(result.body) as Answer['body'];
        if (body.outcome && body.outcome !== 'processing') {
          const status =
            body.outcome === 'rejected' ? (body.rejection?.status ?? 400) : body.outcome === 'applied' ? 200 : 200;
          return { status, body };
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  }

  /**
   * A batch a story expects to be applied (an answer with a result for each item, some maybe still being
   * applied): each item's outcome is waited for; if one's execution was cut off by a fault, the batch is sent
   * again with the same Idempotency-Key (an item already applied answers as before). A refusal is recorded.
   */
  async expectBatch(person: Person, path: string, body: unknown, what: string) {
    const key = this.nextKey();
    for (let round = 0; round < 20; round++) {
      const sent = await this.send(person, 'POST', path, body, key);
      if (sent.status >= 300) {
        this.stats.refusals.push(`${what} at ${this.now().toISOString()}: ${sent.status} ${JSON.stringify(sent.body)}`);
        return { sent, outcomes: [] };
      }
      const results = sent.body.results ?? [];
      const outcomes = await Promise.all(
        results.map((r) =>
          r.outcome === 'applied' ? ({ status: 200, body: r } as Answer) : this.outcomeOf(person, r.eventId),
        ),
      );
      if (outcomes.every((o) => o !== undefined)) return { sent, outcomes: outcomes as Answer[] };
    }
    throw new Error(`${what}: the outcomes never came`);
  }

  /** A request a story expects to be applied: a refusal is recorded as a mistake (and returned). */
  async expect(person: Person, method: string, path: string, body: unknown, what: string): Promise<Answer> {
    const answer = await this.api(person, method, path, body);
    if (answer.status >= 400)
      this.stats.refusals.push(
        `${what} at ${this.now().toISOString()}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    return answer;
  }
}
