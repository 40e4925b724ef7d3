/**
 * Operation Encompass end to end on the local runtime: the synthesized state machine on DynamoDB Local
 * under the controllable clock, schools loaded through the partnership administrator's import, the police batch and
 * the schools' reads over HTTP with real tokens.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoUser, LocalSignIn } from '#local/auth';
import type { Platform } from '#local/platform';
import { createLocalServer } from '#local/server';
import { testPlatform } from '../support/platform';

const register = `URN,LA (code),LA (name),EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name)
100001,330,Riverside,Riverside Primary School,Open,Primary
100003,330,Riverside,Oakfield Primary School,Open,Primary
100004,330,Riverside,Brook Lane Primary School,Open,Primary
`;
const contacts = `URN,KeyAdultName,KeyAdultEmail,KeyAdultPhone,DeputyName,DeputyEmail,DeputyPhone,TermCalendar,StartOfDay,HolidayCover
100001,Kim Walsh,kim.walsh@riverside-primary.example.sch.uk,01632 960123,Dev Patel,dev.patel@riverside-primary.example.sch.uk,01632 960124,,08:30,yes
100003,Hannah Clarke,hannah.clarke@oakfield.example.sch.uk,01632 960315,Amir Hussain,amir.hussain@oakfield.example.sch.uk,01632 960316,,08:45,yes
100004,Owen Price,owen.price@brook-lane.example.sch.uk,01632 960420,Lucy Ward,lucy.ward@brook-lane.example.sch.uk,01632 960421,,08:30,no
`;

const users: Record<string, Omit<DemoUser, 'username'>> = {
  admin: {
    sub: 'u-jo-admin',
    name: 'Jo Patel',
    email: 'jo.patel@riverside.example.gov.uk',
    role: 'administrator',
    organisation: 'riverside-council',
  },
  partnership: {
    sub: 'u-robin-partnership',
    name: 'Robin Ellis',
    email: 'robin.ellis@riverside-partnership.example.org.uk',
    role: 'partnership-administrator',
    organisation: 'riverside-partnership',
  },
  police: {
    sub: 'c-riverside-police',
    name: 'Riverside Police case system',
    email: 'encompass@riverside-police.example.police.uk',
    role: 'police',
    organisation: 'riverside-police',
  },
  kim: {
    sub: 'u-kim',
    name: 'Kim Walsh',
    email: 'kim.walsh@riverside-primary.example.sch.uk',
    role: 'school-key-adult',
    organisation: 'riverside-primary',
    schoolUrn: '100001',
  },
  hannah: {
    sub: 'u-hannah',
    name: 'Hannah Clarke',
    email: 'hannah.clarke@oakfield.example.sch.uk',
    role: 'school-key-adult',
    organisation: 'oakfield-primary',
    schoolUrn: '100003',
  },
  owen: {
    sub: 'u-owen',
    name: 'Owen Price',
    email: 'owen.price@brook-lane.example.sch.uk',
    role: 'school-key-adult',
    organisation: 'brook-lane-primary',
    schoolUrn: '100004',
  },
};

let platform: Platform;
let server: Server;
let base: string;
const signIn = new LocalSignIn();
const tokens: Record<string, string> = {};

async function http(method: string, path: string, user: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const child = (name: string, schoolUrn: string) => ({
  name,
  dateOfBirth: '2016-03-03',
  schoolUrn,
  present: true,
  welfareCheck: true,
  policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
});

beforeAll(async () => {
  // Friday 23 October 2026, 22:30 BST: the last evening before Riverside's half term (26-30 Oct).
  platform = await testPlatform({ startAt: new Date('2026-10-23T21:30:00Z'), frozen: true });
  server = createLocalServer(platform, signIn);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [k, u] of Object.entries(users)) tokens[k] = await signIn.token(u);
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await platform?.stop();
});

describe('a Friday-night incident before half term: three children, three schools', () => {
  const cases: Record<string, string> = {};

  it('loads the schools from the register export and contacts file', async () => {
    const res = await http('POST', '/schools/import', 'partnership', { register, contacts });
    expect(res.status).toBe(200);
    expect(res.body.loaded).toBe(3);
  });

  it('accepts the police batch: one school told at once, one held over the holiday, one sent to the local authority', async () => {
    const res = await http('POST', '/processes/operation-encompass/submissions', 'police', {
      forceIncidentReference: 'RP-26-004417',
      attendedAt: '2026-10-23T21:00:00Z',
      children: [child('Alex One', '100001'), child('Bo Two', '100004'), child('Cam Three', 'not known')],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['applied', 'applied', 'applied']);
    [cases.a, cases.b, cases.c] = res.body.results.map((r: { caseId: string }) => r.caseId);
    await platform.settle();
    // the three children's executions run concurrently, so their messages arrive in either order
    expect(platform.inbox.messages.map((m) => [m.createdAt, m.address]).sort()).toEqual([
      ['2026-10-23T21:30:00.000Z', 'education.safeguarding@riverside.example.gov.uk'],
      ['2026-10-23T21:30:00.000Z', 'kim.walsh@riverside-primary.example.sch.uk'],
    ]);
  });

  it('the same batch sent again gives no second notification', async () => {
    const res = await http('POST', '/processes/operation-encompass/submissions', 'police', {
      forceIncidentReference: 'RP-26-004417',
      attendedAt: '2026-10-23T21:00:00Z',
      children: [child('Alex One', '100001'), child('Bo Two', '100004'), child('Cam Three', 'not known')],
    });
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    await platform.settle();
    expect(platform.inbox.messages).toHaveLength(2);
  });

  it('the local authority finds the third school on Monday of half term; that school is told at once', async () => {
    await platform.advanceTo(new Date('2026-10-26T10:00:00Z'));
    const res = await http('POST', `/cases/${cases.c}/events`, 'admin', {
      type: 'schoolIdentified',
      schoolUrn: '100003',
    });
    expect(res.status).toBe(200);
    await platform.settle();
    expect(platform.inbox.messages.at(-1)).toMatchObject({
      createdAt: '2026-10-26T10:00:00.000Z',
      address: 'hannah.clarke@oakfield.example.sch.uk',
    });
  });

  it("a Key Adult sees only their own school's notifications, and every read is audited", async () => {
    const own = await http('GET', '/schools/100001/notifications', 'kim');
    expect(own.body.notifications.map((n: { caseId: string }) => n.caseId)).toEqual([cases.a]);
    expect(JSON.stringify(own.body)).not.toContain('Alex');
    expect((await http('GET', '/schools/100004/notifications', 'kim')).status).toBe(404);
    expect((await http('GET', `/cases/${cases.b}`, 'kim')).status).toBe(404);
    const read = await http('GET', `/cases/${cases.a}`, 'kim');
    expect(read.status).toBe(200);
    expect(read.body.details).toMatchObject({
      child: { name: 'Alex One', dateOfBirth: '2016-03-03', present: true },
      policeContact: { desk: 'Public Protection Unit' },
      deadline: '2026-11-02T08:30:00.000Z',
    });
    expect(read.body.details).not.toHaveProperty('forceIncidentReference');
    const audit = await platform.store.auditOfActor('u-kim');
    expect(audit.map((a) => [a.action, a.what])).toEqual(
      expect.arrayContaining([
        ['read', 'notification list of school 100001'],
        ['refused', 'notifications of school 100004: not permitted'],
        ['refused', 'case record: not permitted'],
        ['read', 'case record'],
      ]),
    );
  });

  it('on the first school day: the held notification is released at 07:00, acknowledgements stop the clocks, and the school that does not acknowledge is escalated', async () => {
    await platform.advanceTo(new Date('2026-11-02T08:05:00Z'));
    expect(
      (await http('POST', `/cases/${cases.a}/events`, 'kim', { type: 'acknowledged', supportOffered: true })).status,
    ).toBe(200);
    await platform.advanceTo(new Date('2026-11-02T08:50:00Z'));
    expect((await http('POST', `/cases/${cases.c}/events`, 'hannah', { type: 'acknowledged' })).status).toBe(200);
    await platform.advanceTo(new Date('2026-11-02T12:00:00Z'));

    expect(platform.inbox.messages.slice(3).map((m) => [m.createdAt, m.recipientRole, m.address])).toEqual([
      ['2026-11-02T07:00:00.000Z', 'keyAdult', 'owen.price@brook-lane.example.sch.uk'],
      ['2026-11-02T09:00:00.000Z', 'keyAdult', 'owen.price@brook-lane.example.sch.uk'],
      ['2026-11-02T09:00:00.000Z', 'deputy', 'lucy.ward@brook-lane.example.sch.uk'],
      ['2026-11-02T10:30:00.000Z', 'laSafeguardingLead', 'education.safeguarding@riverside.example.gov.uk'],
      ['2026-11-02T10:30:00.000Z', 'policeCoordinator', 'operation.encompass@riverside-police.example.police.uk'],
    ]);
    const a = await platform.store.getCase(cases.a!);
    const c = await platform.store.getCase(cases.c!);
    const b = await platform.store.getCase(cases.b!);
    expect(a!.clocks['key-adult-told']).toMatchObject({
      status: 'met',
      dueAt: '2026-11-02T08:30:00.000Z',
      stoppedAt: '2026-11-02T08:05:00.000Z',
    });
    expect(c!.clocks['key-adult-told']).toMatchObject({
      status: 'metLate',
      dueAt: '2026-11-02T08:45:00.000Z',
      stoppedAt: '2026-11-02T08:50:00.000Z',
    });
    expect(b!.clocks['key-adult-told']).toMatchObject({ status: 'breached', dueAt: '2026-11-02T08:30:00.000Z' });
  });

  it("police see the status of their notifications, not the school's notes", async () => {
    const res = await http('GET', `/cases/${cases.a}`, 'police');
    expect(res.status).toBe(200);
    expect(res.body.details).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-11-02T08:05:00.000Z' });
    expect(JSON.stringify(res.body.details)).not.toContain('supportOffered');
  });

  it('refuses over-sharing and out-of-range input, naming each problem, and stores nothing', async () => {
    const before = (await platform.store.casesOfProcess('operation-encompass')).length;
    const over = await http('POST', '/processes/operation-encompass/submissions', 'police', {
      forceIncidentReference: 'RP-26-009999',
      attendedAt: '2026-11-02T11:00:00Z',
      offenceType: 'x',
      children: [{ ...child('Dee Four', '100001'), homeAddress: '1 High Street' }],
    });
    expect(over.status).toBe(400);
    expect(over.body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['offenceType', 'children.0.homeAddress']),
    );
    const adult = await http('POST', '/processes/operation-encompass/submissions', 'police', {
      forceIncidentReference: 'RP-26-009998',
      attendedAt: '2026-11-02T11:00:00Z',
      children: [{ ...child('Eve Five', '100001'), dateOfBirth: '2007-01-01' }],
    });
    expect(adult.body.results[0]).toMatchObject({
      outcome: 'rejected',
      rejection: {
        issues: [
          {
            path: 'child.dateOfBirth',
            message: 'the child is 18 or over: Operation Encompass covers children up to 17',
          },
        ],
      },
    });
    expect((await platform.store.casesOfProcess('operation-encompass')).length).toBe(before);
    expect(
      (
        await http('POST', '/processes/operation-encompass/submissions', 'kim', {
          forceIncidentReference: 'X',
          attendedAt: '2026-11-02T11:00:00Z',
          children: [],
        })
      ).status,
    ).toBe(403);
  });

  it('figures per school and month for commissioners, with small numbers suppressed', async () => {
    tokens.chris = await signIn.token({
      sub: 'u-chris',
      name: 'Chris Bell',
      email: 'chris@riverside-icb.example.nhs.uk',
      role: 'commissioner',
      organisation: 'riverside-icb',
    });
    const res = await http('GET', '/processes/operation-encompass/figures', 'chris');
    expect(res.status).toBe(200);
    expect(res.body.bySchool.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          month: '2026-10',
          schoolUrn: '100004',
          localAuthorityCode: '330',
          notifications: 'fewer than 5',
          heldOverHolidays: 'fewer than 5',
          escalations: 'fewer than 5',
          shareAcknowledgedBeforeSchoolStart: 'withheld',
        }),
        expect.objectContaining({
          month: '2026-10',
          schoolUrn: '100003',
          localAuthorityCode: '330',
          notifications: 'fewer than 5',
          unknownSchools: 'fewer than 5',
          medianWorkingDaysToFindSchool: 'withheld',
        }),
      ]),
    );
    // No count from 1 to 4 is shown anywhere below the partnership.
    for (const row of [...res.body.bySchool.rows, ...res.body.byLocalAuthority.rows]) {
      for (const column of ['notifications', 'escalations', 'heldOverHolidays', 'unknownSchools'])
        expect([1, 2, 3, 4]).not.toContain(row[column]);
    }
    // No per-case row: a notification's month beside its school could point to a child.
    expect(res.body).not.toHaveProperty('caseFigures');
    expect(JSON.stringify(res.body)).not.toMatch(/Alex|Bo Two|Cam Three/);
  });
});

describe('a new Key Adult named in the directory while a notification is open', () => {
  let own: Platform;
  let ownServer: Server;
  let ownBase: string;
  const call = async (method: string, path: string, user: string, body?: unknown) => {
    const res = await fetch(`${ownBase}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}` },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  beforeAll(async () => {
    own = await testPlatform({ startAt: new Date('2026-10-23T21:30:00Z'), frozen: true });
    ownServer = createLocalServer(own, signIn);
    await new Promise<void>((r) => ownServer.listen(0, '127.0.0.1', () => r()));
    ownBase = `http://127.0.0.1:${(ownServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => ownServer?.close(r));
    await own?.stop();
  });

  it('sends the release and the reminders to the Key Adult the directory names now', async () => {
    expect((await call('POST', '/schools/import', 'partnership', { register, contacts })).status).toBe(200);
    const batch = await call('POST', '/processes/operation-encompass/submissions', 'police', {
      forceIncidentReference: 'RP-26-005000',
      attendedAt: '2026-10-23T21:00:00Z',
      children: [child('Fin Six', '100004')],
    });
    expect(batch.body.results[0].outcome).toBe('applied');
    await own.advanceTo(new Date('2026-10-27T11:00:00Z'));

    const record = {
      name: 'Brook Lane Primary School',
      localAuthorityCode: '330',
      phase: 'primary',
      termCalendarId: 'la-330',
      extraInsetDays: [],
      startOfDay: '08:30',
      holidayCover: false,
      keyAdult: { name: 'Nina Cole', email: 'nina.cole@brook-lane.example.sch.uk', phone: '01632 960425' },
      deputy: { name: 'Lucy Ward', email: 'lucy.ward@brook-lane.example.sch.uk', phone: '01632 960421' },
    };
    const changed = await call('PUT', '/schools/100004', 'partnership', record);
    expect(changed.status).toBe(200);
    expect(changed.body.openNotificationsUpdated).toBe(1);
    await own.settle();
    const again = await call('PUT', '/schools/100004', 'partnership', record);
    expect(again.body.openNotificationsUpdated).toBe(0); // nothing that matters to notifications changed

    await own.advanceTo(new Date('2026-11-02T09:30:00Z'));
    expect(
      own.inbox.messages
        .filter((m) => m.address.endsWith('brook-lane.example.sch.uk'))
        .map((m) => [m.createdAt, m.address]),
    ).toEqual([
      ['2026-11-02T07:00:00.000Z', 'nina.cole@brook-lane.example.sch.uk'],
      ['2026-11-02T09:00:00.000Z', 'nina.cole@brook-lane.example.sch.uk'],
      ['2026-11-02T09:00:00.000Z', 'lucy.ward@brook-lane.example.sch.uk'],
    ]);
    const timeline = await own.store.timeline(batch.body.results[0].caseId);
    expect(timeline.map((t) => t.kind)).toContain('schoolDetailsChanged');
  });
});
