/**
 * A new process needs its folder and its line in the list of processes, nothing else: a test-only process
 * (test/fixtures/processes/call-back/: contract, views, rules and index.ts, as a shipped process's folder
 * has them) is added to workflows/processes.ts's list by one line, and the catalogues made from that list
 * the way workflows/contracts.ts, workflows/runnable.ts and workflows/catalogue.ts make theirs give it to the
 * API, the rules step and the synthesized state machines: opened, read, alerted at its checkpoint and
 * closed through the API on DynamoDB Local, with no other change anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueOf, definitionsOf, readableVersions, runnableVersions } from '#core/process/catalogue';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { processes } from '#workflows/processes';
import * as callBack from '../fixtures/processes/call-back/index';
import { testPlatform } from '../support/platform';

// The one line: the list of processes with the new one's folder.
const listed = [...processes, callBack];

const PROCESS = 'call-back-test';
const OPEN = `/processes/${PROCESS}/cases`;

let platform: Platform;
beforeAll(async () => {
  platform = await testPlatform({
    startAt: new Date('2027-03-01T09:00:00Z'),
    frozen: true,
    catalogue: catalogueOf(listed.flatMap(definitionsOf)),
  });
});
afterAll(async () => platform?.stop());

async function call(method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string) };
}

describe('a new process: its folder and one line in the list', () => {
  it("is in every catalogue made from the list: the API's with its views and no rule, the rules step's with its rules and no view", () => {
    // Act
    const readable = catalogueOf(listed.flatMap(readableVersions)).byId(PROCESS);
    const runnable = catalogueOf(listed.flatMap(runnableVersions)).byId(PROCESS);
    // Assess
    expect(readable?.viewFor).toBe(callBack.views.viewFor);
    expect(readable && 'handlers' in readable).toBe(false);
    expect(runnable?.handlers).toBe(callBack.rules[1]!.handlers);
    expect(runnable && 'viewFor' in runnable).toBe(false);
  });

  it('the API lists it after the shipped processes, with its events and clock', async () => {
    // Act
    const listedByApi = await call('GET', '/processes', 'alex');
    // Assess
    expect(listedByApi.status).toBe(200);
    const ids = (listedByApi.body as { id: string }[]).map((p) => p.id);
    expect(ids).toEqual([...processes.map((p) => p.contracts[0]!.id), PROCESS]);
    expect((listedByApi.body as { id: string; events: { type: string }[] }[]).at(-1)).toMatchObject({
      id: PROCESS,
      title: 'Call back (test)',
      events: [
        { type: 'callBackRequested', opensCase: true, roles: ['front-door'] },
        { type: 'calledBack', opensCase: false },
      ],
    });
  });

  it('is opened and read through the API, alerted when its clock falls due, and closed, by its own rules and views', async () => {
    // Act: the front door records the family's request on Monday 1 March 2027
    const opened = await call('POST', OPEN, 'alex', { reference: 'CB-1', requestedAt: '2027-03-01T09:00:00Z' });
    // Assess: its rules started its clock: 2 working days, Tuesday and Wednesday, due at the end of Wednesday
    // 3 March (London is on GMT until 28 March)
    expect(opened.status).toBe(201);
    const { caseId, caseCode } = opened.body as { caseId: string; caseCode: string };
    expect(caseId).toMatch(/^cbt-/);
    const read = await call('GET', `/cases/${caseId}`, 'alex');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      process: PROCESS,
      stage: 'waiting',
      // its views: the reference and whether the family was called, not when they asked
      details: { reference: 'CB-1', calledBack: false },
      clocks: [{ id: 'call-back', status: 'running', dueAt: '2027-03-03T23:59:59.999Z' }],
    });

    // Act: the clock passes the due instant
    await platform.advanceTo(new Date('2027-03-04T00:00:01Z'));
    // Assess: its checkpoint alerted the front door, by its state machine's timer and its rules' recipients
    expect(platform.inbox.find({ caseCode }).map((m) => [m.recipientRole, m.subject])).toEqual([
      ['frontDoor', `Call back due for ${caseCode}`],
    ]);

    // Act: the family is called back
    const called = await call('POST', `/cases/${caseId}/events`, 'alex', {
      type: 'calledBack',
      calledAt: '2027-03-04T10:00:00Z',
    });
    // Assess
    expect(called.status).toBe(200);
    const closed = await call('GET', `/cases/${caseId}`, 'alex');
    expect(closed.body).toMatchObject({
      status: 'closed',
      closureReason: 'the family was called back',
      details: { reference: 'CB-1', calledBack: true },
    });
  });
});
