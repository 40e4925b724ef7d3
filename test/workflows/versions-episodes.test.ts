/**
 * Versioned rules and episodes on the synthesized state machine and DynamoDB Local: a test-only
 * version 2 of IHA beside version 1 (it runs on IHA's own state machine), and a child re-entering care.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';
import { catalogueWithIhaVersion2 } from '../support/versions';

const IHA = '/processes/initial-health-assessment/cases';
const entry = (ref: string, enteredCareAt = '2026-12-14T10:00:00Z') =>
  exampleEntryIntoCare({ caseReference: ref, enteredCareAt });

async function call(platform: Platform, method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string) };
}

describe('versioned rules on the local runtime', () => {
  const tableName = `t-${randomUUID()}`;
  const startAt = new Date('2026-12-14T10:00:00Z');
  let before: Platform | undefined;
  let after: Platform | undefined;
  afterAll(async () => {
    await before?.stop();
    await after?.stop();
  });

  it('a case opened under version 1 keeps its rules once version 2 is deployed; a new case opens under version 2', async () => {
    // Prepare: version 1 only, a case opened
    before = await testPlatform({ tableName, startAt, frozen: true });
    const old = await call(before, 'POST', IHA, 'alex', entry('RCC-VERSION-1'));
    expect(old.status).toBe(201);
    await before.settle();
    await before.stop();
    before = undefined;
    // Act: version 2 beside version 1 (same table, same state machine); a new case opens, and time passes
    after = await testPlatform({ tableName, startAt, frozen: true, catalogue: catalogueWithIhaVersion2 });
    const fresh = await call(after, 'POST', IHA, 'alex', entry('RCC-VERSION-2'));
    expect(fresh.status).toBe(201);
    await after.settle();
    await after.advanceTo(new Date('2026-12-18T09:00:00Z'));
    // Assess: each case's reminder by its own version (v1 after 3 working days, v2 after 2, with its own words)
    expect((await after.store.getCase(old.body.caseId))?.definitionVersion).toBe(1);
    expect((await after.store.getCase(fresh.body.caseId))?.definitionVersion).toBe(2);
    const reminders = (caseCode: string) =>
      after!.inbox
        .find({ caseCode })
        .filter((m) => m.subject.includes('request due by'))
        .map((m) => [m.createdAt, m.subject]);
    expect(reminders(old.body.caseCode)).toEqual([
      [
        '2026-12-17T23:59:59.999Z',
        `Health assessment request due by 11:59pm on 21 December 2026 for case ${old.body.caseCode}`,
      ],
      [
        '2026-12-17T23:59:59.999Z',
        `Health assessment request due by 11:59pm on 21 December 2026 for case ${old.body.caseCode}`,
      ],
    ]);
    expect(reminders(fresh.body.caseCode)).toEqual([
      [
        '2026-12-16T23:59:59.999Z',
        `[version 2] Health assessment request due by 11:59pm on 21 December 2026 for case ${fresh.body.caseCode}`,
      ],
      [
        '2026-12-16T23:59:59.999Z',
        `[version 2] Health assessment request due by 11:59pm on 21 December 2026 for case ${fresh.body.caseCode}`,
      ],
    ]);
    // The old case's next event is applied by version 1's rules too (its record keeps its version)
    const sent = await call(after, 'POST', `/cases/${old.body.caseId}/events`, 'sam', {
      type: 'requestSentToHealth',
      sentAt: '2026-12-18T08:30:00Z',
      consentIncluded: true,
    });
    expect(sent.status).toBe(200);
    expect((await after.store.getCase(old.body.caseId))?.definitionVersion).toBe(1);
    // Two platforms, one after the other, each starting its own state machines: twice the usual time.
  }, 180_000);
});

describe('episodes on the local runtime: a child leaves care and re-enters', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-12-14T10:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  it('while the case is open a second opening is refused 409; after the child left care it opens episode 2, linked, with new clocks', async () => {
    // Prepare: episode 1
    const first = await call(platform, 'POST', IHA, 'alex', entry('RCC-RETURNS'));
    expect(first.status).toBe(201);
    const again = await call(platform, 'POST', IHA, 'alex', entry('RCC-RETURNS', '2026-12-14T09:00:00Z'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'caseExists', detail: expect.stringContaining('already open') });
    const resent = await call(platform, 'POST', IHA, 'alex', entry('RCC-RETURNS'));
    expect(resent.body).toMatchObject({ outcome: 'duplicate', caseId: first.body.caseId });
    // Act: the child leaves care, and re-enters in February
    await platform.advanceTo(new Date('2027-01-20T10:00:00Z'));
    const left = await call(platform, 'POST', `/cases/${first.body.caseId}/events`, 'sam', {
      type: 'childLeftCare',
      leftOn: '2027-01-20',
      reason: 'returnedToFamily',
    });
    expect(left.status).toBe(200);
    await platform.advanceTo(new Date('2027-02-01T10:00:00Z'));
    const second = await call(platform, 'POST', IHA, 'alex', entry('RCC-RETURNS', '2027-02-01T10:00:00Z'));
    await platform.settle();
    // Assess
    expect(second.status).toBe(201);
    expect(second.body.caseId).not.toBe(first.body.caseId);
    expect(second.body.caseCode).not.toBe(first.body.caseCode);
    const earlier = (await platform.store.getCase(first.body.caseId)) as CaseRecord;
    const later = (await platform.store.getCase(second.body.caseId)) as CaseRecord;
    expect(earlier.status).toBe('closed');
    expect(later).toMatchObject({
      status: 'open',
      episode: 2,
      firstEpisode: first.body.caseId,
      previousEpisode: first.body.caseId,
      definitionVersion: 1,
    });
    expect(Object.values(later.clocks).map((c) => [c.id, c.startedAt, c.status])).toEqual(
      Object.values(later.clocks).map((c) => [c.id, '2027-02-01T10:00:00.000Z', c.status]),
    );
    expect(Object.values(later.timers).find((t) => t.checkpointId === 'request-due')?.dueAt).toBe(
      '2027-02-08T23:59:59.999Z',
    );
    expect(platform.inbox.find({ caseCode: second.body.caseCode }).length).toBeGreaterThan(0);
    // A third opening while episode 2 is open is refused, naming episode 2
    const third = await call(platform, 'POST', IHA, 'alex', entry('RCC-RETURNS', '2027-02-01T09:00:00Z'));
    expect(third.status).toBe(409);
    expect(third.body.detail).toContain(second.body.caseCode);
  });
});
