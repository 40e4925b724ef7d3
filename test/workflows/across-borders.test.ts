/**
 * Two councils in one partnership, across their border, end to end on the local runtime: the API, the
 * synthesized state machines on DynamoDB Local and the controllable clock. Riverside (LA 330) and Eastbrook
 * (LA 338) have different half terms and different closure days; each force covers one of them; the ICB
 * and its provider serve both. Every instant asserted is worked out by hand below.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '#local/demo';
import type { Platform } from '#local/platform';
import { exampleEntryIntoCare } from '#workflows/initial-health-assessment/example';
import { testPlatform } from '../support/platform';

const demoFile = (file: string) => readFileSync(new URL(`../../config/demo-schools/${file}`, import.meta.url), 'utf8');
const END_OF = (day: string) => `${day}T23:59:59.999Z`;

async function call(platform: Platform, method: string, path: string, user: string, body?: unknown) {
  const result = await platform.api(apiEvent(method, path, user, body));
  return { status: result.statusCode, body: JSON.parse(result.body as string) };
}

const child = (name: string, schoolUrn: string, extra: Record<string, unknown> = {}) => ({
  name,
  dateOfBirth: '2016-03-03',
  schoolUrn,
  present: true,
  welfareCheck: true,
  policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
  ...extra,
});

// Friday 23 October 2026, 22:30 BST. Riverside's half term is 26-30 October; Eastbrook's is 19-23 October,
// ending that day, so Eastbrook's schools are back on Monday 26 October (GMT from Sunday 25th's clock
// change). Eastbrook Primary (100101) starts at 08:40 and has no holiday cover; St Anne's in Riverside
// (100002) starts at 08:30 and has none either. A notification for a school without holiday cover, sent in
// or before its holiday, is held until 07:00 on its first day back: Monday 26 October for Eastbrook
// Primary, Monday 2 November for St Anne's.
describe('Operation Encompass across the border: each school by its own term dates', () => {
  let platform: Platform;
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-10-23T21:30:00Z'), frozen: true });
    for (const [register, contacts] of [
      ['register.csv', 'contacts.csv'],
      ['eastbrook-register.csv', 'eastbrook-contacts.csv'],
    ])
      expect(
        (
          await call(platform, 'POST', '/schools/import', 'robin', {
            register: demoFile(register!),
            contacts: demoFile(contacts!),
          })
        ).status,
      ).toBe(200);
  });
  afterAll(async () => platform?.stop());

  it("each force's child at a school in the other council's area; children whose school is not known go to their home council", async () => {
    // Act: Riverside Police, a child at Eastbrook Primary; Eastbrook Police, a child at St Anne's (Riverside),
    // and two children whose school they could not name, one living in Riverside's area.
    const riverside = await call(platform, 'POST', '/processes/operation-encompass/submissions', 'pc', {
      forceIncidentReference: 'RP-26-009001',
      attendedAt: '2026-10-23T21:00:00Z',
      children: [child('Ari One', '100101')],
    });
    const eastbrook = await call(platform, 'POST', '/processes/operation-encompass/submissions', 'epc', {
      forceIncidentReference: 'EP-26-000777',
      attendedAt: '2026-10-23T21:10:00Z',
      children: [
        child('Bea Two', '100002'),
        child('Cas Three', 'not known', { homeCouncil: 'riverside-council' }),
        child('Dov Four', 'not known'),
      ],
    });
    expect(riverside.status).toBe(200);
    expect(eastbrook.status).toBe(200);
    [cases.eastbrookSchool] = riverside.body.results.map((r: { caseId: string }) => r.caseId);
    [cases.riversideSchool, cases.homeRiverside, cases.homeEastbrook] = eastbrook.body.results.map(
      (r: { caseId: string }) => r.caseId,
    );
    await platform.settle();
    // Assess: each school is held until its own first day back; the unknown schools go at once to the
    // councils of the children's homes.
    expect(platform.inbox.messages.map((m) => [m.createdAt, m.recipientRole, m.address]).sort()).toEqual([
      ['2026-10-23T21:30:00.000Z', 'laSafeguardingLead', 'education.safeguarding@eastbrook.example.gov.uk'],
      ['2026-10-23T21:30:00.000Z', 'laSafeguardingLead', 'education.safeguarding@riverside.example.gov.uk'],
    ]);
    const clock = async (caseId: string) => (await platform.store.getCase(caseId))!.clocks['key-adult-told'];
    expect((await clock(cases.eastbrookSchool!))!.dueAt).toBe('2026-10-26T08:40:00.000Z');
    expect((await clock(cases.riversideSchool!))!.dueAt).toBe('2026-11-02T08:30:00.000Z');
    expect((await platform.store.getCase(cases.eastbrookSchool!))!.details).toMatchObject({
      heldUntil: '2026-10-26T07:00:00.000Z',
    });
    expect((await platform.store.getCase(cases.riversideSchool!))!.details).toMatchObject({
      heldUntil: '2026-11-02T07:00:00.000Z',
    });
    // Each case is the school's council's (or the home council's), with the sending force.
    const organisations = async (caseId: string) => (await platform.store.getCase(caseId))!.organisations.sort();
    expect(await organisations(cases.eastbrookSchool!)).toEqual(['eastbrook-council', 'riverside-police']);
    expect(await organisations(cases.riversideSchool!)).toEqual(['eastbrook-police', 'riverside-council']);
    expect(await organisations(cases.homeRiverside!)).toEqual(['eastbrook-police', 'riverside-council']);
    expect(await organisations(cases.homeEastbrook!)).toEqual(['eastbrook-council', 'eastbrook-police']);
  });

  it("the Key Adult across the border reads it; the other council's administrator and Key Adults do not", async () => {
    expect((await call(platform, 'GET', `/cases/${cases.eastbrookSchool}`, 'leah')).status).toBe(200);
    expect((await call(platform, 'GET', `/cases/${cases.eastbrookSchool}`, 'nell')).status).toBe(200);
    expect((await call(platform, 'GET', `/cases/${cases.eastbrookSchool}`, 'jo')).status).toBe(404);
    expect((await call(platform, 'GET', `/cases/${cases.eastbrookSchool}`, 'kim')).status).toBe(404);
    expect((await call(platform, 'GET', `/cases/${cases.homeRiverside}`, 'jo')).status).toBe(200);
    expect((await call(platform, 'GET', `/cases/${cases.homeRiverside}`, 'nell')).status).toBe(404);
    // Eastbrook's administrator finds the school of the child living in Eastbrook; Riverside's may not.
    const byRiverside = await call(platform, 'POST', `/cases/${cases.homeEastbrook}/events`, 'jo', {
      type: 'schoolIdentified',
      schoolUrn: '100102',
    });
    expect(byRiverside.status).toBe(404);
  });

  it('on Monday 26 October Eastbrook Primary is told at 07:00, reminded at 09:10 and escalated at 10:40, to Eastbrook and to the force that sent it', async () => {
    const before = platform.inbox.messages.length;
    await platform.advanceTo(new Date('2026-10-26T12:00:00Z'));
    // (The two schools still to be found are due at the end of Monday, a working day: later than noon.)
    expect(platform.inbox.messages.slice(before).map((m) => [m.createdAt, m.recipientRole, m.address])).toEqual([
      ['2026-10-26T07:00:00.000Z', 'keyAdult', 'leah.fox@eastbrook-primary.example.sch.uk'],
      ['2026-10-26T09:10:00.000Z', 'keyAdult', 'leah.fox@eastbrook-primary.example.sch.uk'],
      ['2026-10-26T09:10:00.000Z', 'deputy', 'omar.ali@eastbrook-primary.example.sch.uk'],
      ['2026-10-26T10:40:00.000Z', 'laSafeguardingLead', 'education.safeguarding@eastbrook.example.gov.uk'],
      ['2026-10-26T10:40:00.000Z', 'policeCoordinator', 'operation.encompass@riverside-police.example.police.uk'],
    ]);
    expect((await platform.store.getCase(cases.eastbrookSchool!))!.clocks['key-adult-told']).toMatchObject({
      status: 'breached',
      dueAt: '2026-10-26T08:40:00.000Z',
    });
    // St Anne's, in Riverside's half term, has heard nothing yet.
    expect(platform.inbox.messages.some((m) => m.address === 'maria.santos@st-annes.example.sch.uk')).toBe(false);
  });

  it("St Anne's hears on Riverside's first day back: released at 07:00 on Monday 2 November, acknowledged in time", async () => {
    await platform.advanceTo(new Date('2026-11-02T08:00:00Z'));
    expect(
      platform.inbox.messages
        .filter((m) => m.address === 'maria.santos@st-annes.example.sch.uk')
        .map((m) => [m.createdAt, m.recipientRole]),
    ).toEqual([['2026-11-02T07:00:00.000Z', 'keyAdult']]);
    expect(
      (await call(platform, 'POST', `/cases/${cases.riversideSchool}/events`, 'maria', { type: 'acknowledged' }))
        .status,
    ).toBe(200);
    await platform.settle();
    expect((await platform.store.getCase(cases.riversideSchool!))!.clocks['key-adult-told']).toMatchObject({
      status: 'met',
      dueAt: '2026-11-02T08:30:00.000Z',
      stoppedAt: '2026-11-02T08:00:00.000Z',
    });
  });

  it('a home council that is not a council of the partnership is refused, naming the field; nothing is recorded', async () => {
    const before = platform.inbox.messages.length;
    const res = await call(platform, 'POST', '/processes/operation-encompass/submissions', 'epc', {
      forceIncidentReference: 'EP-26-000778',
      attendedAt: '2026-11-02T06:00:00Z',
      children: [child('Eli Five', 'not known', { homeCouncil: 'riverside-icb' })],
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toContain('child.homeCouncil');
    expect(JSON.stringify(res.body)).toContain('no council riverside-icb in the partnership');
    await platform.settle();
    expect(platform.inbox.messages.length).toBe(before);
  });
});

// Initial health assessments of Eastbrook's children in care. Working days after Tue 22 Dec 2026 (25 Dec,
// 28 Dec (Boxing Day's substitute) and 1 Jan are bank holidays): Wed 23, Thu 24, Tue 29, Wed 30, Thu 31,
// Mon 4 Jan, Tue 5, Wed 6 ... The council's request to health (5 working days, a local target) skips the
// council's own closure days: Eastbrook's (29-30 Dec) give 23, 24, 31, 4, 5: due Tue 5 Jan; Riverside's
// (29-31 Dec) give 23, 24, 4, 5, 6: due Wed 6 Jan. The statutory assessment (20 working days) skips no
// closure day: 23, 24, 29, 30, 31, 4-8, 11-15, 18-22 Jan: due Fri 22 Jan for both.
describe("initial health assessments of Eastbrook's children, placed across the border and out of the area", () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await testPlatform({ startAt: new Date('2026-12-22T10:00:00Z'), frozen: true });
  });
  afterAll(async () => platform?.stop());

  const entry = (ref: string, overrides: Record<string, unknown> = {}) =>
    exampleEntryIntoCare({
      caseReference: ref,
      child: { name: 'Robin Border', dateOfBirth: '2014-05-05' },
      enteredCareAt: '2026-12-22T10:00:00Z',
      ...overrides,
    });
  const kai = { name: 'Kai Mensah', email: 'kai.mensah@eastbrook.example.gov.uk' };

  it("placed in Riverside's area: Eastbrook keeps the case; the provider and ICB serving both are told; Eastbrook's closure days set its own target", async () => {
    // Act
    const eastbrook = await call(
      platform,
      'POST',
      '/processes/initial-health-assessment/cases',
      'bea',
      entry('EBC-BORDER-1', { placement: { area: 'outOfArea', icb: 'riverside-icb' }, socialWorker: kai }),
    );
    const riverside = await call(
      platform,
      'POST',
      '/processes/initial-health-assessment/cases',
      'alex',
      entry('RCC-BORDER-1'),
    );
    expect(eastbrook.status).toBe(201);
    expect(riverside.status).toBe(201);
    await platform.settle();
    // Assess: who is told, at the instant the child entered care
    expect(platform.inbox.find({ caseCode: eastbrook.body.caseCode }).map((m) => [m.createdAt, m.address])).toEqual([
      ['2026-12-22T10:00:00.000Z', 'lac.health.team@riverside-health.example.nhs.uk'],
      ['2026-12-22T10:00:00.000Z', 'designated.nurse.cla@riverside-icb.example.nhs.uk'],
    ]);
    const clocksOf = async (caseId: string) =>
      Object.fromEntries(
        Object.values((await platform.store.getCase(caseId))!.clocks).map((c) => [c.definitionId, c.dueAt]),
      );
    expect(await clocksOf(eastbrook.body.caseId)).toEqual({
      'request-to-health': END_OF('2027-01-05'),
      'initial-health-assessment': END_OF('2027-01-22'),
    });
    expect(await clocksOf(riverside.body.caseId)).toEqual({
      'request-to-health': END_OF('2027-01-06'),
      'initial-health-assessment': END_OF('2027-01-22'),
    });
    const record = (await platform.store.getCase(eastbrook.body.caseId))!;
    expect(record.organisation).toBe('eastbrook-council');
    expect(record.clocks['request-to-health']!.ownerOrganisation).toBe('eastbrook-council');
    // Who reads it: Eastbrook's staff, the provider and the ICB's designated nurse; never Riverside's council.
    for (const [who, status] of [
      ['bea', 200],
      ['kai', 200],
      ['priya', 200],
      ['grace', 200],
      ['nell', 200],
      ['alex', 404],
      ['sam', 404],
      ['jo', 404],
    ] as const)
      expect({ who, status: (await call(platform, 'GET', `/cases/${eastbrook.body.caseId}`, who)).status }).toEqual({
        who,
        status,
      });
  });

  it("moved out of the partnership's area: the host area's ICB is told at once; Eastbrook and Riverside ICB's designated nurse keep it", async () => {
    // Prepare
    const opened = await call(
      platform,
      'POST',
      '/processes/initial-health-assessment/cases',
      'bea',
      entry('EBC-BORDER-2', { socialWorker: kai }),
    );
    expect(opened.status).toBe(201);
    await platform.advanceTo(new Date('2026-12-23T11:00:00Z'));
    // Act
    const moved = await call(platform, 'POST', `/cases/${opened.body.caseId}/events`, 'kai', {
      type: 'placementMoved',
      movedOn: '2026-12-23',
      area: 'outOfArea',
      icb: 'northvale-icb',
    });
    expect(moved.status).toBe(200);
    await platform.settle();
    // Assess
    expect(
      platform.inbox
        .find({ caseCode: opened.body.caseCode })
        .filter((m) => m.createdAt >= '2026-12-23')
        .map((m) => [m.createdAt, m.recipientRole, m.address]),
    ).toEqual([['2026-12-23T11:00:00.000Z', 'newPlacementIcb', 'designated.nurse@northvale-icb.example.nhs.uk']]);
    const record = (await platform.store.getCase(opened.body.caseId))!;
    expect(record.organisation).toBe('eastbrook-council');
    expect(record.organisations).toContain('northvale-icb');
    expect((await call(platform, 'GET', `/cases/${opened.body.caseId}`, 'grace')).status).toBe(200);
    expect((await call(platform, 'GET', `/cases/${opened.body.caseId}`, 'sam')).status).toBe(404);
  });
});
