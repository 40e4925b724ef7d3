/**
 * The local scheduler: reads pending timer rows (the same rows that back EventBridge schedules in AWS)
 * and starts a timerFired execution for each one that is due, a case's timers one at a time in due
 * order. Moving the clock forward steps through each due instant in turn, so every alert carries the
 * instant it fell due; timers found overdue after a restart fire at once and are marked late.
 *
 * A timer whose execution failed (the store was restarting, say) stays pending: it is left alone for a
 * few seconds of real time, then fired again, late, so a failure never loses a reminder or spins.
 */
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { timerEvent } from '#functions/decide/handler';
import type { TimerRef } from '#core/process/model';
import type { ControllableClock } from './clock';
import type { LocalStepFunctions } from './step-functions';
import { bodyOf, gsi } from '#functions/store/table';
import { errorKind } from '#functions/observability';

type PendingTimer = TimerRef & { caseId: string; process: string };

export class LocalScheduler {
  private running: Promise<number> | undefined;
  private interval: NodeJS.Timeout | undefined;
  firedTotal = 0;
  /** Timers whose last execution failed, and when (real time, ms) to try them again. */
  private readonly retryAt = new Map<string, number>();
  private readonly retryDelayMs: number;
  /** Called after each batch of timers fired (the platform delivers the outbox here). */
  afterFire: (() => Promise<unknown>) | undefined;

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

  /** Pending timers due at or before `until`, soonest first. */
  async pending(until: Date, limit = 1000): Promise<PendingTimer[]> {
    const out: PendingTimer[] = [];
    let startKey: Record<string, any> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :until',
          ExpressionAttributeValues: { ':pk': { S: gsi.pendingTimers }, ':until': { S: `${until.toISOString()}~` } },
          Limit: limit - out.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const timer = bodyOf<PendingTimer>(item)!;
        if ((this.retryAt.get(timer.timerId) ?? 0) <= Date.now()) out.push(timer);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && out.length < limit);
    return out;
  }

  /** Fire every timer due now; returns how many fired. Calls never overlap. */
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
      // Group by case, keeping due order inside each case; cases run in parallel.
      const byCase = new Map<string, PendingTimer[]>();
      for (const t of due) byCase.set(t.caseId, [...(byCase.get(t.caseId) ?? []), t]);
      const queues = [...byCase.values()];
      let next = 0;
      const worker = async () => {
        while (next < queues.length) {
          const queue = queues[next++]!;
          for (const timer of queue) {
            const outcome = await this.stepFunctions.startAndWait(timer.process, `fire-${timer.timerId}`, { event: timerEvent(timer, timer), attempt: 0 });
            if (outcome.status === 'failed') {
              // Later timers of this case wait too, so a case's timers still apply in due order.
              this.retryAt.set(timer.timerId, Date.now() + this.retryDelayMs);
              for (const later of queue.slice(queue.indexOf(timer) + 1)) this.retryAt.set(later.timerId, Date.now() + this.retryDelayMs);
              break;
            }
            this.retryAt.delete(timer.timerId);
            fired++;
            this.firedTotal++;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, queues.length) }, worker));
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
    this.interval = setInterval(() => void this.fireDue().catch((e) => console.error(JSON.stringify({ level: 'error', where: 'scheduler', ...errorKind(e) }))), everyMs);
    this.interval.unref();
  }

  async stop() {
    if (this.interval) clearInterval(this.interval);
    await this.running;
  }
}
