/**
 * The local scheduler: reads the cases' wake-up items (each case's soonest timer: the same instant its
 * one EventBridge schedule has in AWS) and starts a timersDue execution for each case that is due, which
 * fires every timer of the case due by then, in due order. Moving the clock forward steps through each
 * wake-up instant in turn, so every alert carries the instant it fell due; timers found overdue after a
 * restart fire at once and are marked late.
 *
 * A wake-up whose execution failed (the store was restarting, say) stays pending: it is left alone for a
 * few seconds of real time, then fired again, late, so a failure never loses a reminder or spins.
 */
import { type DynamoDBClient, paginateQuery } from '@aws-sdk/client-dynamodb';

import { wakeEvent } from '#functions/decide/handler';
import { errorKind } from '#functions/observability';
import { bodyOf, gsi, WAKE_SHARDS } from '#functions/store/table';
import type { ControllableClock } from './clock';
import type { LocalStepFunctions } from './step-functions';

type PendingWake = { caseId: string; process: string; dueAt: string };

export class LocalScheduler {
  private running: Promise<number> | undefined;
  private interval: NodeJS.Timeout | undefined;
  firedTotal = 0;
  /** Cases whose last wake-up failed, and when (real time, ms) to try them again. */
  private readonly retryAt = new Map<string, number>();
  private readonly retryDelayMs: number;
  /** Called after each batch of timers fired (the platform delivers the outbox here). */
  afterFire: (() => Promise<unknown>) | undefined;
  /** Told of each wake-up fired (an EventBridge Scheduler invocation in AWS: local/meter.ts counts it). */
  onFire: ((process: string) => void) | undefined;

  constructor(
    private readonly db: DynamoDBClient,
    private readonly tableName: string,
    private readonly clock: ControllableClock,
    private readonly stepFunctions: LocalStepFunctions,
    private readonly concurrency = 16,
    options: { retryDelayMs?: number } = {},
  ) {
    this.retryDelayMs = options.retryDelayMs ?? 5000;
  }

  /** Cases whose wake-up falls at or before `until`, soonest first (every shard of the index, merged). */
  async pending(until: Date, limit = 1000): Promise<PendingWake[]> {
    const perShard = await Promise.all(
      Array.from({ length: WAKE_SHARDS }, async (_, shard) => {
        const out: PendingWake[] = [];
        const pages = paginateQuery(
          { client: this.db, pageSize: Math.min(limit, 1000) },
          {
            TableName: this.tableName,
            IndexName: 'GSI1',
            KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :until',
            ExpressionAttributeValues: { ':pk': { S: gsi.wake(shard) }, ':until': { S: `${until.toISOString()}~` } },
          },
        );
        for await (const page of pages) {
          for (const item of page.Items ?? []) {
            const wake = bodyOf<PendingWake>(item)!;
            if ((this.retryAt.get(wake.caseId) ?? 0) <= Date.now()) out.push(wake);
          }
          if (out.length >= limit) break;
        }
        return out;
      }),
    );
    return perShard
      .flat()
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseId.localeCompare(b.caseId))
      .slice(0, limit);
  }

  /** True while a batch of wake-ups is being fired (their messages are delivered after it, in due order). */
  get firing(): boolean {
    return this.running !== undefined;
  }

  /** Wake every case due now; returns how many wake-ups applied. Calls never overlap. */
  fireDue(): Promise<number> {
    if (this.running) return this.running.then(() => this.fireDue());
    this.running = this.fireAllDue().finally(() => (this.running = undefined));
    return this.running;
  }

  private async fireAllDue(): Promise<number> {
    let fired = 0;
    for (;;) {
      const due = await this.pending(this.clock.now(), 5000);
      if (due.length === 0) return fired;
      let next = 0;
      const worker = async () => {
        while (next < due.length) {
          const wake = due[next++]!;
          this.onFire?.(wake.process);
          const outcome = await this.stepFunctions.startAndWait(wake.process, wakeEvent(wake, wake.dueAt).eventId, {
            event: wakeEvent(wake, wake.dueAt),
            attempt: 0,
          });
          if (outcome.status === 'failed') {
            this.retryAt.set(wake.caseId, Date.now() + this.retryDelayMs);
            continue;
          }
          this.retryAt.delete(wake.caseId);
          fired++;
          this.firedTotal++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
      await this.afterFire?.();
    }
  }

  /**
   * Move the clock forward to `target`, stopping at each instant a timer falls due so its execution
   * sees that instant as "now".
   */
  async advanceTo(target: Date): Promise<number> {
    if (target.getTime() < this.clock.now().getTime()) throw new RangeError('The clock cannot go back');
    let fired = await this.fireDue();
    for (;;) {
      const [next] = await this.pending(target, 1);
      if (!next) break;
      const at = new Date(next.dueAt);
      if (at > this.clock.now()) this.clock.set(at);
      fired += await this.fireDue();
    }
    this.clock.set(target);
    fired += await this.fireDue();
    return fired;
  }

  /** Check for due timers every `everyMs` of real time. */
  start(everyMs = 1000) {
    this.interval = setInterval(
      () =>
        void this.fireDue().catch((e) =>
          console.error(JSON.stringify({ level: 'error', where: 'scheduler', ...errorKind(e) })),
        ),
      everyMs,
    );
    this.interval.unref();
  }

  async stop() {
    if (this.interval) clearInterval(this.interval);
    await this.running;
  }
}
