/**
 * The API validates an event on a case by the schema of the rules version the case opened under, not
 * the newest: two versions of the test process (test/support/engine-process.ts) whose schemas for one
 * event differ, through the API on the synthesized state machine and DynamoDB Local. Validation happens
 * once: the API parses with the case's version and the rules step does not parse again.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CaseRecord } from '#core/process/model';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import {
  ENGINE_TEST_PROCESS,
  type EngineTestDetails,
  engineTestCatalogue,
  engineTestCatalogueWithVersion2,
  engineTestProcess,
  engineTestProcessVersion2,
} from '../support/engine-process';
import { testPlatform } from '../support/platform';

const OPEN = `/processes/${ENGINE_TEST_PROCESS}/cases`;
const startAt = new Date('2026-12-14T10:00:00Z');

async function call(platform: Platform, method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string) };
}
const opening = (reference: string) => ({
  reference,
  startedAt: startAt.toISOString(),
  clocks: ['support'],
  level: 'intensive',
});
const levelChange = (of: typeof engineTestProcess) => of.events.find((e) => e.type === 'supportLevelChanged')!.schema;

describe('an event is validated by the rules version of its own case', () => {
  const tableName = `t-${randomUUID()}`;
  let before: Platform | undefined;
  let after: Platform | undefined;
  afterAll(async () => {
    await before?.stop();
    await after?.stop();
  });

  it('a version 1 case takes what version 1 accepts and refuses what only version 2 accepts, naming the field; a version 2 case the other way round', async () => {
    // Prepare: a case opened under version 1; then version 2 beside it (same table), and a case opened under it
    before = await testPlatform({ tableName, startAt, frozen: true, catalogue: engineTestCatalogue });
    const old = await call(before, 'POST', OPEN, 'sam', opening('VERSION-1'));
    expect(old.status).toBe(201);
    await before.stop();
    before = undefined;
    after = await testPlatform({ tableName, startAt, frozen: true, catalogue: engineTestCatalogueWithVersion2 });
    const fresh = await call(after, 'POST', OPEN, 'sam', opening('VERSION-2'));
    expect(fresh.status).toBe(201);
    const version1Body = { type: 'supportLevelChanged', level: 'steady' };
    const version2Body = { type: 'supportLevelChanged', level: 'steady', reviewedBy: 'Taylor Green' };
    const v1Parse = vi.spyOn(levelChange(engineTestProcess), 'safeParse');
    const v2Parse = vi.spyOn(levelChange(engineTestProcessVersion2), 'safeParse');

    // Act: version 1's body on the version 1 case
    const accepted = await call(after, 'POST', `/cases/${old.body.caseId}/events`, 'sam', version1Body);
    // Assess: applied by version 1; parsed once, by the API with version 1's schema (the rules step trusts it)
    expect(accepted.status).toBe(200);
    expect(v1Parse).toHaveBeenCalledTimes(1);
    expect(v2Parse).not.toHaveBeenCalled();

    // Act / Assess: version 2's body on the version 1 case: its extra field is unknown to version 1
    const refused = await call(after, 'POST', `/cases/${old.body.caseId}/events`, 'sam', version2Body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'invalidEvent',
      issues: [{ path: 'reviewedBy', message: 'is not a field this record accepts, so it was not stored' }],
    });

    // Act / Assess: the version 2 case needs the field, and takes version 2's body
    const missing = await call(after, 'POST', `/cases/${fresh.body.caseId}/events`, 'sam', version1Body);
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string }) => i.path)).toEqual(['reviewedBy']);
    const taken = await call(after, 'POST', `/cases/${fresh.body.caseId}/events`, 'sam', version2Body);
    expect(taken.status).toBe(200);

    const oldCase = (await after.store.getCase(old.body.caseId)) as CaseRecord<EngineTestDetails>;
    const freshCase = (await after.store.getCase(fresh.body.caseId)) as CaseRecord<EngineTestDetails>;
    expect([oldCase.definitionVersion, oldCase.details.level, oldCase.details.reviewedBy]).toEqual([
      1,
      'steady',
      undefined,
    ]);
    expect([freshCase.definitionVersion, freshCase.details.level, freshCase.details.reviewedBy]).toEqual([
      2,
      'steady',
      'Taylor Green',
    ]);
    v1Parse.mockRestore();
    v2Parse.mockRestore();
  });
});
