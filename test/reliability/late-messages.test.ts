/**
 * After downtime, late messages go in due order. Several children enter care on different days; the
 * platform stops; the clock moves on past several checkpoints of each case (reminders, the request's due
 * instant, the assessment's reminders); the platform starts again on the same table and its scheduler
 * fires every overdue wake-up at once. Each wake-up fires all of its case's due timers in one transaction,
 * so a reminder and its breach are queued together: the inbox must get them in due order, across cases
 * too, never a breach before its own reminder.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { InboxEntry } from '#local/inbox';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

const tableName = `t-${randomUUID()}`;
let platform: Platform | undefined;

afterAll(async () => platform?.stop());

/** Entered care on these days (Mon 1 to Fri 5 March 2027), a working day apart. */
const ENTRIES = ['2027-03-01T09:00:00Z', '2027-03-02T09:00:00Z', '2027-03-03T09:00:00Z', '2027-03-04T09:00:00Z'];

describe('late messages after downtime', () => {
  it("are sent in due order: each case's reminder before its breach, and one case's before another's due later", async () => {
    // Prepare: four cases opened, each on its own day, with the platform (and its scheduler) running
    const caseCodes: string[] = [];
    for (const [i, enteredCareAt] of ENTRIES.entries()) {
      platform = await testPlatform({ tableName, startAt: new Date(enteredCareAt), frozen: true });
      const opened = await platform.api(
        apiEvent(
          'POST',
          '/processes/initial-health-assessment/cases',
          'alex',
          exampleEntryIntoCare({ caseReference: `RCC-LATE-${i}`, enteredCareAt }),
        ),
      );
      expect(opened.statusCode).toBe(201);
      caseCodes.push(JSON.parse(opened.body as string).caseCode as string);
      await platform.settle();
      await platform.stop();
      platform = undefined;
    }
    // Act: the platform was down from Thursday 4 March until Wednesday 24 March; it starts again on the
    // same table, and its scheduler finds every wake-up overdue
    platform = await testPlatform({ tableName, startAt: new Date('2027-03-24T12:00:00Z'), frozen: true });
    const fired = await platform.scheduler.fireDue();
    await platform.settle();
    // Assess
    expect(fired).toBe(ENTRIES.length);
    const late = platform.inbox.messages.filter((m) => caseCodes.includes(m.caseCode));
    const dueOf = (m: InboxEntry) => m.dueAt!;
    // every message was queued at the restart, and each carries its own (earlier) due instant
    expect(late.length).toBeGreaterThanOrEqual(ENTRIES.length * 4);
    expect(late.every((m) => m.createdAt >= '2027-03-24T12:00:00.000Z' && dueOf(m) < '2027-03-24T00:00:00.000Z')).toBe(
      true,
    );
    // several checkpoints of every case were overdue: each case's messages have more than one due instant
    for (const code of caseCodes)
      expect(new Set(late.filter((m) => m.caseCode === code).map(dueOf)).size, code).toBeGreaterThanOrEqual(3);
    // delivered in due order, across cases
    const dues = late.map(dueOf);
    expect(dues).toEqual([...dues].sort());
    // each case: the request's reminder (day 3) before its overdue alert (day 5), before the assessment's
    // first checkpoint (day 10); and the cases interleave by due instant rather than one case after another
    const reminder = /^Health assessment request due by/;
    const overdue = /^Health assessment request for case .* is now overdue$/;
    for (const code of caseCodes) {
      const subjects = late.filter((m) => m.caseCode === code).map((m) => m.subject);
      const lastReminder = subjects.map((t) => reminder.test(t)).lastIndexOf(true);
      const firstOverdue = subjects.findIndex((t) => overdue.test(t));
      expect(lastReminder, code).toBeGreaterThanOrEqual(0);
      expect(firstOverdue, code).toBeGreaterThan(lastReminder);
      expect(
        subjects.findIndex((t) => !reminder.test(t) && !overdue.test(t)),
        code,
      ).toBeGreaterThan(firstOverdue);
    }
    const codes = late.map((m) => m.caseCode);
    expect(codes.indexOf(caseCodes[1]!)).toBeLessThan(codes.lastIndexOf(caseCodes[0]!));
    // It starts five platforms one after another (each start about 10 s idle, 73 s once at load average 15):
    // four times the usual time.
  }, 240_000);
});
