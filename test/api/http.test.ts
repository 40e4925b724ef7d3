/**
 * The API as a client meets it: real HTTP on loopback, real signed tokens, the synthesized state machine
 * and DynamoDB Local behind it.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, LocalSignIn } from '#local/auth';
import type { Platform } from '#local/platform';
import { createLocalServer } from '#local/server';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

let platform: Platform;
let server: Server;
let base: string;
const signIn = new LocalSignIn();
const tokens: Record<string, string> = {};

async function http(
  method: string,
  path: string,
  options: { user?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.user) headers.authorization = `Bearer ${tokens[options.user]}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.raw !== undefined
      ? { body: options.raw }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text,
  };
}

const entry = (overrides: Record<string, unknown> = {}) =>
  exampleEntryIntoCare({
    caseReference: 'RCC-API-1',
    child: { name: 'Morgan Api', dateOfBirth: '2017-05-05', nhsNumber: '9434765919' },
    enteredCareAt: '2027-02-01T09:00:00Z',
    ...overrides,
  });

async function casesOfProcess() {
  return platform.store.casesOfProcess('initial-health-assessment');
}

beforeAll(async () => {
  platform = await testPlatform({ startAt: new Date('2027-02-01T10:00:00Z'), frozen: true });
  server = createLocalServer(platform, signIn);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const u of demoUsers) tokens[u.username] = await signIn.token(u);
  tokens.forged = await new LocalSignIn().token(demoUsers[0]!);
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await platform?.stop();
});

describe('the HTTP API', () => {
  it('refuses a request without a valid token', async () => {
    expect((await http('GET', '/me')).status).toBe(401);
    expect((await http('GET', '/me', { user: 'forged' })).status).toBe(401);
    expect((await http('GET', '/me', { user: 'alex' })).body).toMatchObject({
      role: 'front-door',
      organisation: 'riverside-council',
    });
  });

  it('bad input gets 400 naming each field and its reason, and writes nothing', async () => {
    const res = await http('POST', '/processes/initial-health-assessment/cases', {
      user: 'alex',
      body: entry({
        child: { name: '', dateOfBirth: '05/05/2017', nhsNumber: '123' },
        legalBasis: 'voluntary',
        socialWorker: { name: 'Sam', email: 'not-an-email' },
      }),
    });
    expect(res.status).toBe(400);
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'child.name',
        'child.dateOfBirth',
        'child.nhsNumber',
        'legalBasis',
        'socialWorker.email',
      ]),
    );
    for (const issue of res.body.issues) expect(issue.message).toBeTruthy();
    expect(await casesOfProcess()).toEqual([]);
    expect(platform.stepFunctions.stats.started).toBe(0);
  });

  it('an unknown field is rejected by name, not stored', async () => {
    const res = await http('POST', '/processes/initial-health-assessment/cases', {
      user: 'alex',
      body: entry({ religion: 'x', child: { name: 'A B', dateOfBirth: '2017-05-05', diagnosis: 'y' } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'religion', message: 'is not a field this record accepts, so it was not stored' },
        { path: 'child.diagnosis', message: 'is not a field this record accepts, so it was not stored' },
      ]),
    );
    expect(await casesOfProcess()).toEqual([]);
  });

  it('a body that is not JSON gets 400, not a crash', async () => {
    const res = await http('POST', '/processes/initial-health-assessment/cases', {
      user: 'alex',
      raw: '{"caseReference": ',
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: '(body)', message: 'is not a JSON object' }]);
  });

  it.each([
    ['a form (curl -d without a header)', 'application/x-www-form-urlencoded'],
    ['plain text', 'text/plain;charset=UTF-8'],
    ['XML', 'application/xml'],
  ])('a JSON body sent as %s gets 415 naming Content-Type; nothing is written', async (_name, contentType) => {
    // Act
    const res = await http('POST', '/processes/initial-health-assessment/cases', {
      user: 'alex',
      body: entry({ caseReference: 'RCC-API-415' }),
      headers: { 'content-type': contentType },
    });
    // Assess
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      code: 'unsupportedMediaType',
      issues: [{ path: 'Content-Type', message: 'must be application/json' }],
    });
    expect(await casesOfProcess()).toEqual([]);
    expect(platform.stepFunctions.stats.started).toBe(0);
  });

  it('JSON with a charset, a +json type, or with no Content-Type at all, is read as JSON', async () => {
    // Act: invalid bodies, so nothing is written; the answer is the body's 400, not 415.
    const charset = await http('POST', '/processes/initial-health-assessment/cases', {
      user: 'alex',
      body: { caseReference: 'X' },
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    const plusJson = await http('POST', '/processes/initial-health-assessment/cases', {
      user: 'alex',
      body: { caseReference: 'X' },
      headers: { 'content-type': 'application/vnd.righttime+json' },
    });
    const bare = await fetch(`${base}/processes/initial-health-assessment/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.alex}` },
      body: new TextEncoder().encode(JSON.stringify({ caseReference: 'X' })),
    });
    // Assess
    expect([charset.status, plusJson.status, bare.status]).toEqual([400, 400, 400]);
    expect(((await bare.json()) as { code: string }).code).toBe('invalidEvent');
  });

  let caseId: string;
  let caseCode: string;

  it('the same event sent twice does one thing once', async () => {
    const first = await http('POST', '/processes/initial-health-assessment/cases', { user: 'alex', body: entry() });
    expect(first.status).toBe(201);
    ({ caseId, caseCode } = first.body);
    expect(first.headers.get('location')).toBe(`/cases/${caseId}`);
    await platform.settle();
    const inboxAfterFirst = platform.inbox.find({ caseCode }).length;
    expect(inboxAfterFirst).toBe(2);

    await platform.advanceTo(new Date(platform.clock.now().getTime() + 90_000)); // a resend a minute and a half later
    const again = await http('POST', '/processes/initial-health-assessment/cases', { user: 'alex', body: entry() });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', caseId, eventId: first.body.eventId });
    await platform.settle();
    expect(platform.inbox.find({ caseCode }).length).toBe(inboxAfterFirst);
    expect((await platform.store.getCase(caseId))!.version).toBe(1);

    // The same child reference with different details is not a second case.
    const other = await http('POST', '/processes/initial-health-assessment/cases', {
      user: 'sam',
      body: entry({ enteredCareAt: '2027-02-01T09:30:00Z' }),
    });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('caseExists');

    // An Idempotency-Key reused for a different request is refused.
    const keyed = { 'idempotency-key': 'request-123' };
    const sent = await http('POST', `/cases/${caseId}/events`, {
      user: 'sam',
      headers: keyed,
      body: { type: 'requestSentToHealth', sentAt: '2027-02-01T09:45:00Z', consentIncluded: true },
    });
    expect(sent.status).toBe(200);
    const reused = await http('POST', `/cases/${caseId}/events`, {
      user: 'sam',
      headers: keyed,
      body: { type: 'requestSentToHealth', sentAt: '2027-02-01T09:50:00Z', consentIncluded: false },
    });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotencyKeyReused');
  });

  it('a token of the wrong role is refused and the refusal is audited', async () => {
    const res = await http('POST', `/cases/${caseId}/events`, {
      user: 'kim',
      body: { type: 'appointmentBooked', appointmentOn: '2027-02-10' },
    });
    expect(res.status).toBe(403);
    const audit = await platform.store.auditOfActor('u-kim-keyadult');
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'refused',
        caseId,
        actor: { userId: 'u-kim-keyadult', role: 'school-key-adult', organisation: 'riverside-primary' },
      }),
    ]);
    expect((await platform.store.getCase(caseId))!.details).not.toHaveProperty('appointment');

    const health = await http('POST', `/cases/${caseId}/events`, {
      user: 'priya',
      body: { type: 'requestSentToHealth', sentAt: '2027-02-01T09:45:00Z', consentIncluded: true },
    });
    expect(health.status).toBe(403);
  });

  it("reads of a child's record are audited, and only organisations on the case may read it", async () => {
    const read = await http('GET', `/cases/${caseId}`, { user: 'priya' });
    expect(read.status).toBe(200);
    expect(read.body.details.child.name).toBe('Morgan Api');
    const elsewhere = await http('GET', `/cases/${caseId}`, { user: 'dan' });
    // Exactly the answer for a case that does not exist: the refusal says nothing about the case.
    const missing = await http('GET', '/cases/iha-zzzz-zzzz', { user: 'dan' });
    expect([elsewhere.status, missing.status]).toEqual([404, 404]);
    expect(elsewhere.body).toEqual({ ...missing.body, detail: `There is no case ${caseId}` });
    const audit = await platform.store.auditOfCase(caseId);
    expect(audit.map((a) => [a.actor.userId, a.action, a.what])).toEqual(
      expect.arrayContaining([
        ['u-alex-frontdoor', 'create', 'Child entered care'],
        ['u-priya-health', 'read', 'case record'],
        ['u-dan-northvale', 'refused', 'case record: not permitted'],
      ]),
    );
  });

  it('commissioners see figures, and case codes only in the open clocks, never names', async () => {
    const res = await http('GET', '/processes/initial-health-assessment/figures', { user: 'chris' });
    expect(res.status).toBe(200);
    expect(res.body.timeliness.clocks.total.open).toBe('fewer than 5');
    expect(JSON.stringify(res.body)).not.toContain(caseCode);
    expect(JSON.stringify(res.body)).not.toMatch(/Morgan|2017-05-05|RCC-API-1|9434765919/);
    expect((await http('GET', `/cases/${caseId}`, { user: 'chris' })).status).toBe(404);
    const clocks = await http('GET', '/processes/initial-health-assessment/clocks?dueWithinDays=40', { user: 'chris' });
    expect(clocks.body.clocks.map((c: { caseCode: string; title: string }) => [c.caseCode, c.title])).toEqual([
      [caseCode, 'Initial health assessment'],
    ]);
    // The London day it falls due, never an instant.
    expect(clocks.body.clocks[0].due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(clocks.body)).not.toMatch(/T\d{2}:\d{2}/);
    expect(
      (await http('GET', '/processes/initial-health-assessment/clocks?dueWithinDays=-1', { user: 'chris' })).status,
    ).toBe(400);
  });

  it('the local clock moves forward through HTTP, firing what falls due, and never goes back', async () => {
    const moved = await http('POST', '/local/clock', { body: { advance: { workingDays: 21 } } });
    expect(moved.status).toBe(200);
    // request already sent: day 10 appointment check, day 15 reminder, day 20 breach (escalation is day 25)
    expect(moved.body.timersFired).toBe(3);
    const breach = (await http('GET', `/local/inbox?caseCode=${caseCode}`)).body.messages.filter(
      (m: { subject: string }) => m.subject.includes('was due by'),
    );
    expect(breach.map((m: { recipientRole: string }) => m.recipientRole)).toEqual([
      'designatedNurse',
      'assessmentTeamManager',
      'childrenInCareManager',
    ]);
    expect((await http('POST', '/local/clock', { body: { to: '2020-01-01T00:00:00Z' } })).status).toBe(400);
    expect((await http('POST', '/local/clock', { body: { advance: { days: 1, hours: 2 } } })).status).toBe(400);
  });
});
