/**
 * One child across processes: an opening by a council may carry `aboutChild` (its own person id for the
 * child and the equality monitoring fields); the child's cases link through the child key made of the
 * person id, for those who may read each of them (GET /cases/{caseId}/related), and nobody learns of a
 * case they may not read. Through the real API on the local platform (DynamoDB Local, the synthesized
 * state machines).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { exampleRequest } from '#workflows/supporting-families/example';
import { testPlatform } from '../support/platform';

let platform: Platform;
const call = async (method: string, path: string, user: string, body?: unknown) => {
  const res = await platform.api(apiEvent(method, path, user, body));
  return { status: res.statusCode, body: JSON.parse(res.body as string), raw: res.body as string };
};
const open = (process: string, user: string, body: Record<string, unknown>) =>
  call('POST', `/processes/${process}/cases`, user, body);
const IHA = 'initial-health-assessment';
const FAMILY = 'supporting-families';

let ihaCase: string;
let familyCase: string;
let otherChildCase: string;
let withoutKeyCase: string;

beforeAll(async () => {
  platform = await testPlatform({ startAt: new Date('2027-01-11T09:00:00Z'), frozen: true });
  const iha = await open(IHA, 'alex', {
    ...exampleEntryIntoCare({ caseReference: 'RCC-LINK-1', enteredCareAt: '2027-01-11T08:30:00Z' }),
    aboutChild: { personId: 'LCS-40017', ethnicity: 'MWBC', sex: '2', send: 'senSupport', careExperienced: true },
  });
  expect(iha.status).toBe(201);
  ihaCase = iha.body.caseId;
  // The same child's family, asked for support the same morning; the person id typed in lower case.
  const family = await open(FAMILY, 'alex', {
    ...exampleRequest({ requestReference: 'RFS-LINK-1', requestedAt: '2027-01-11T08:00:00Z' }),
    aboutChild: { personId: ' lcs-40017 ' },
  });
  expect(family.status).toBe(201);
  familyCase = family.body.caseId;
  const other = await open(IHA, 'alex', {
    ...exampleEntryIntoCare({ caseReference: 'RCC-LINK-2', enteredCareAt: '2027-01-11T08:30:00Z' }),
    aboutChild: { personId: 'LCS-40018' },
  });
  expect(other.status).toBe(201);
  otherChildCase = other.body.caseId;
  const without = await open(IHA, 'alex', {
    ...exampleEntryIntoCare({ caseReference: 'RCC-LINK-3', enteredCareAt: '2027-01-11T08:30:00Z' }),
  });
  expect(without.status).toBe(201);
  withoutKeyCase = without.body.caseId;
  await platform.settle();
});

afterAll(async () => platform?.stop());

const related = async (caseId: string, user: string) => call('GET', `/cases/${caseId}/related`, user);

describe("this child's other clocks", () => {
  it("a social worker opening the child's IHA case sees the child's Family Help episode and its clocks", async () => {
    const res = await related(ihaCase, 'sam');
    expect(res.status).toBe(200);
    expect(res.body.related).toHaveLength(1);
    const [episode] = res.body.related;
    expect(episode).toMatchObject({ caseId: familyCase, process: FAMILY, status: 'open' });
    expect(episode.clocks.length).toBeGreaterThan(0);
    for (const clock of episode.clocks) expect(clock).toEqual(expect.objectContaining({ title: expect.any(String) }));
    // ... and from the episode, the IHA case (the link runs both ways), never another child's.
    const back = await related(familyCase, 'sam');
    expect(back.body.related.map((r: { caseId: string }) => r.caseId)).toEqual([ihaCase]);
    expect(back.raw).not.toContain(otherChildCase);
  });

  it('each linked case shown is a read of it, audited', async () => {
    const audit = await call('GET', `/cases/${familyCase}/audit`, 'jo');
    expect(audit.status).toBe(200);
    const reads = audit.body.audit.filter((e: { what: string }) => e.what.startsWith('case record (as another case'));
    expect(reads).toContainEqual(
      expect.objectContaining({
        action: 'read',
        caseId: familyCase,
        actor: expect.objectContaining({ role: 'lead-practitioner' }),
      }),
    );
  });

  it("a school's Key Adult sees neither case, nor anything of the link", async () => {
    for (const caseId of [ihaCase, familyCase]) {
      const res = await related(caseId, 'kim');
      expect(res.status).toBe(404);
      // Word for word the answer for a case that is not there.
      const none = await call('GET', '/cases/iha-zzzz-zzzz/related', 'kim');
      expect(res.raw).toEqual(none.raw.replace('iha-zzzz-zzzz', caseId));
    }
  });

  it('a reader of the IHA case who may not read the Family Help episode learns nothing of it, not even a count', async () => {
    // Health staff of the IHA's provider read the IHA case, and no Family Help episode.
    expect((await call('GET', `/cases/${ihaCase}`, 'priya')).status).toBe(200);
    expect((await call('GET', `/cases/${familyCase}`, 'priya')).status).toBe(404);
    const res = await related(ihaCase, 'priya');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ caseId: ihaCase, caseCode: expect.any(String), related: [] });
    expect(res.raw).not.toContain(familyCase);
  });

  it('a case opened without a person id has no other cases, and says it is not linked', async () => {
    expect((await related(withoutKeyCase, 'sam')).body.related).toEqual([]);
    expect((await call('GET', `/cases/${withoutKeyCase}`, 'sam')).body.linkedAcrossProcesses).toBe(false);
  });

  it('the case shows its equality monitoring to its readers, and never the person id or the key', async () => {
    const res = await call('GET', `/cases/${ihaCase}`, 'sam');
    expect(res.body.aboutChild).toEqual({ ethnicity: 'MWBC', sex: '2', send: 'senSupport', careExperienced: true });
    expect(res.body.linkedAcrossProcesses).toBe(true);
    expect(res.raw).not.toMatch(/40017/i);
    const stored = await platform.store.getCase(ihaCase);
    expect(stored?.child?.key).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(stored)).not.toMatch(/40017/i);
  });
});

describe('what is said about the child is checked', () => {
  const opening = (aboutChild: unknown, reference = 'RCC-BAD-1') => ({
    ...exampleEntryIntoCare({ caseReference: reference, enteredCareAt: '2027-01-11T08:30:00Z' }),
    aboutChild,
  });

  it.each([
    [{ personId: 'LCS 40017' }, 'aboutChild.personId'],
    [{ personId: 'x'.repeat(41) }, 'aboutChild.personId'],
    [{ personId: '' }, 'aboutChild.personId'],
    [{ ethnicity: 'WHITE' }, 'aboutChild.ethnicity'],
    [{ sex: 'M' }, 'aboutChild.sex'],
    [{ send: 'yes' }, 'aboutChild.send'],
    [{ unaccompaniedAsylumSeeking: 'yes' }, 'aboutChild.unaccompaniedAsylumSeeking'],
    [{ careExperienced: 1 }, 'aboutChild.careExperienced'],
    [{ nhsNumber: '9434765919' }, 'aboutChild.nhsNumber'],
    ['LCS-1', 'aboutChild'],
  ])('%j: 400 naming %s, nothing recorded', async (about, field) => {
    const res = await open(IHA, 'alex', opening(about));
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(field);
    const caseId = res.body.caseId ?? undefined;
    expect(caseId).toBeUndefined();
  });

  it('a bad value refused, the same opening sent right succeeds', async () => {
    expect((await open(IHA, 'alex', opening({ sex: 'M' }, 'RCC-RETRY-1'))).status).toBe(400);
    expect((await open(IHA, 'alex', opening({ sex: '1' }, 'RCC-RETRY-1'))).status).toBe(201);
  });

  it('an opener who is not a council may not give it: 400 saying why', async () => {
    // Riverside Primary's lead practitioner may ask for family support, but the person id is a council's.
    const res = await open(FAMILY, 'ella', {
      ...exampleRequest({ requestReference: 'RFS-SCHOOL-1', requestedAt: '2027-01-11T08:00:00Z' }),
      aboutChild: { personId: 'LCS-40017' },
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'aboutChild', message: expect.stringMatching(/council/) }]);
  });
});
