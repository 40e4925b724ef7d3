import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { figuresAnswer } from '#core/figures/answer';
import { mayReadCase } from '#core/process/access';
import { definitionOf } from '#core/process/catalogue';
import type { CaseRecord } from '#core/process/model';
import type { SchoolSnapshot } from '#core/schools/model';
import { ProcessHarness, testPartnership } from '#test/support/process-harness';
import { type EncompassDetails, settingsFor } from './contract';
import * as oeParts from './index';
import { ageProblem } from './rules';

const operationEncompass = definitionOf(oeParts);

const police = {
  kind: 'person' as const,
  userId: 'c-police',
  name: 'Riverside Police case system',
  role: 'police' as const,
  organisation: 'riverside-police',
};
const keyAdultOf = (urn: string) => ({
  kind: 'person' as const,
  userId: `u-ka-${urn}`,
  name: 'Key Adult',
  role: 'school-key-adult' as const,
  organisation: `school-${urn}`,
  schoolUrn: urn,
});
const admin = {
  kind: 'person' as const,
  userId: 'u-admin',
  name: 'Jo Patel',
  role: 'administrator' as const,
  organisation: 'riverside-council',
};
const partnershipAdmin = {
  kind: 'person' as const,
  userId: 'u-robin',
  name: 'Robin Ellis',
  role: 'partnership-administrator' as const,
  organisation: 'riverside-partnership',
};

const school = (overrides: Partial<SchoolSnapshot> = {}): SchoolSnapshot => ({
  urn: '100001',
  name: 'Riverside Primary School',
  localAuthorityCode: '330',
  termCalendarId: 'la-330',
  extraInsetDays: [],
  startOfDay: '08:30',
  holidayCover: true,
  keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk', phone: '01632 960001' },
  deputy: { name: 'Ola Ade', email: 'ola.ade@riverside-primary.example.sch.uk', phone: '01632 960002' },
  ...overrides,
});

const notification = (attendedAt: string, overrides: Record<string, unknown> = {}) => ({
  forceIncidentReference: 'RP-26-004417',
  attendedAt,
  child: {
    name: 'Jamie Test',
    dateOfBirth: '2016-03-03',
    schoolUrn: '100001',
    present: true,
    welfareCheck: true,
    policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
    ...overrides,
  },
});

function opened(
  attendedAt: string,
  snapshot: SchoolSnapshot | null = school(),
  receivedAt = attendedAt,
  overrides: Record<string, unknown> = {},
) {
  const h = new ProcessHarness<EncompassDetails>(operationEncompass);
  const d = h.apply(
    'policeNotification',
    notification(attendedAt, overrides),
    police,
    receivedAt,
    undefined,
    snapshot ? { school: snapshot } : undefined,
  );
  return { h, d };
}

describe("the deadline: the start of the school's next school day after police attended", () => {
  // Riverside (LA 330) 2026/27: autumn 1 ends Fri 23 Oct, half term 26-30 Oct (clocks go back Sun 25 Oct),
  // autumn 2 ends Fri 18 Dec; spring starts Mon 4 Jan 2027 with an INSET day; Good Friday 26 Mar 2027;
  // summer 1 starts Mon 12 Apr 2027 (BST); Early May bank holiday Mon 3 May 2027.
  it.each([
    ["07:00 on a school day: that day's start", '2026-11-04T07:00:00Z', school(), '2026-11-04T08:30:00.000Z'],
    ["07:59 on a school day: that day's start", '2026-11-04T07:59:00Z', school(), '2026-11-04T08:30:00.000Z'],
    ["08:31 on a school day: the next day's", '2026-11-04T08:31:00Z', school(), '2026-11-05T08:30:00.000Z'],
    ["10:00 on a school day: the next day's", '2026-11-04T10:00:00Z', school(), '2026-11-05T08:30:00.000Z'],
    [
      'Friday night before half term, across the clock change',
      '2026-10-23T21:00:00Z',
      school(),
      '2026-11-02T08:30:00.000Z',
    ],
    ['a Saturday in term', '2026-11-07T15:00:00Z', school(), '2026-11-09T08:30:00.000Z'],
    ['the last day of the autumn term, after school', '2026-12-18T16:00:00Z', school(), '2027-01-05T08:30:00.000Z'],
    ['before Easter, into BST', '2027-03-25T19:00:00Z', school(), '2027-04-12T07:30:00.000Z'],
    ['before a bank holiday Monday in term', '2027-04-30T17:00:00Z', school(), '2027-05-04T07:30:00.000Z'],
    ['a school starting at 08:45', '2026-11-04T08:40:00Z', school({ startOfDay: '08:45' }), '2026-11-04T08:45:00.000Z'],
    [
      'a school with its own INSET day',
      '2026-11-04T10:00:00Z',
      school({ extraInsetDays: ['2026-11-05'] }),
      '2026-11-06T08:30:00.000Z',
    ],
    [
      'an academy with its own two-week half term',
      '2026-10-16T19:00:00Z',
      school({ termCalendarId: 'academy-riverbank' }),
      '2026-11-02T08:30:00.000Z',
    ],
  ])('%s', (_case, attendedAt, snapshot, deadline) => {
    const { h, d } = opened(attendedAt, snapshot);
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe(deadline);
  });
});

describe('telling the Key Adult', () => {
  it('tells the Key Adult at once, with no personal data in the email', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    expect(h.outbox).toHaveLength(1);
    const [m] = h.outbox;
    expect(m!.address).toBe('kim.walsh@riverside-primary.example.sch.uk');
    expect(m!.subject).toBe('Operation Encompass notification for a pupil at Riverside Primary School');
    expect(m!.body).toBe(
      `A new Operation Encompass notification for a pupil at Riverside Primary School is waiting. Sign in to read and acknowledge it before 8:30am on 5 November 2026: http://127.0.0.1:8080/app/school/notifications/${h.record!.caseId}`,
    );
    expect(JSON.stringify(h.outbox)).not.toMatch(/Jamie|2016-03-03|RP-26-004417|Public Protection/);
  });

  it('re-notifies the Key Adult and the deputy 30 minutes after the start, and escalates after 2 hours', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    h.outbox = [];
    h.runUntil('2026-11-05T12:00:00Z');
    expect(h.outbox.map((m) => [m.createdAt, m.recipientRole, m.address])).toEqual([
      ['2026-11-05T09:00:00.000Z', 'keyAdult', 'kim.walsh@riverside-primary.example.sch.uk'],
      ['2026-11-05T09:00:00.000Z', 'deputy', 'ola.ade@riverside-primary.example.sch.uk'],
      ['2026-11-05T10:30:00.000Z', 'laSafeguardingLead', 'education.safeguarding@riverside.example.gov.uk'],
      ['2026-11-05T10:30:00.000Z', 'policeCoordinator', 'operation.encompass@riverside-police.example.police.uk'],
    ]);
    expect(h.record!.clocks['key-adult-told']!.status).toBe('breached');
    expect(h.record!.details.escalated).toBe(true);
    expect(h.outbox[0]!.subject).toBe(
      'Reminder: an Operation Encompass notification for a pupil at Riverside Primary School is waiting',
    );
    expect(h.outbox[2]!.subject).toBe(
      `Operation Encompass ${h.record!.caseCode}: not yet acknowledged by Riverside Primary School`,
    );
    for (const m of h.outbox) expect(`${m.subject} ${m.body}`).not.toMatch(/\{\w+\}/);
    const breach = h.decisions
      .flatMap((d) => (d.outcome === 'applied' ? d.timeline : []))
      .find((t) => t.kind === 'clockBreached');
    expect(breach?.summary).toBe(
      'Key Adult has acknowledged before the school day starts was not met by Thu 5 Nov 2026 at 08:30',
    );
  });

  it('acknowledgement by the Key Adult stops the clock and cancels the escalation; support offered is kept without detail', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    const d = h.apply('acknowledged', { supportOffered: true }, keyAdultOf('100001'), '2026-11-05T08:10:00Z');
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['key-adult-told']!.status).toBe('met');
    expect(h.record!.details.acknowledgement).toEqual({
      at: '2026-11-05T08:10:00.000Z',
      byUserId: 'u-ka-100001',
      supportOffered: true,
      beforeSchoolStart: true,
    });
    expect(h.timers.map((t) => t.checkpointId)).toEqual(['retention']);
  });

  it('only the Key Adult of that school may acknowledge', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    const d = h.apply('acknowledged', {}, keyAdultOf('100002'), '2026-11-05T08:10:00Z');
    // another school learns nothing of the notification: the same answer as for one that does not exist
    expect(d.response.rejection).toMatchObject({ status: 404, code: 'caseNotFound' });
    expect(d.outcome === 'rejected' && d.audit[0]).toMatchObject({ action: 'refused' });
  });

  it('holds a notification for a school without holiday cover over the half term, and releases it at 07:00 on its next school day', () => {
    const { h } = opened(
      '2026-10-23T21:00:00Z',
      school({ urn: '100002', name: 'Northgate Primary School', holidayCover: false }),
    );
    expect(h.outbox).toEqual([]);
    expect(h.record!.details).toMatchObject({ heldUntil: '2026-11-02T07:00:00.000Z', heldOverHoliday: true });
    h.runUntil('2026-11-02T08:00:00Z');
    expect(h.outbox.map((m) => [m.createdAt, m.recipientRole])).toEqual([['2026-11-02T07:00:00.000Z', 'keyAdult']]);
    expect(h.outbox[0]!.body).toContain('before 8:30am on 2 November 2026');
    expect(h.record!.details.heldUntil).toBeUndefined();
  });

  it('a Key Adult who reads a notification held over the half term can acknowledge it: the clock is met, the release and reminders are cancelled', () => {
    // Prepare: Friday 23 Oct 2026, 22:00 BST, before half term; Northgate has no holiday cover, so it is held until Mon 2 Nov 07:00.
    const { h } = opened(
      '2026-10-23T21:00:00Z',
      school({ urn: '100002', name: 'Northgate Primary School', holidayCover: false }),
    );
    expect(mayReadCase(keyAdultOf('100002'), operationEncompass, h.record!, { partnership: testPartnership })).toBe(
      true,
    );
    // Act: the Key Adult reads it on Tuesday 27 Oct at 10:00 GMT, in the holiday, and acknowledges it.
    const d = h.apply('acknowledged', { supportOffered: true }, keyAdultOf('100002'), '2026-10-27T10:00:00Z');
    // Assess
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['key-adult-told']!).toMatchObject({
      status: 'met',
      title: 'Key Adult has acknowledged before the school day starts',
    });
    expect(h.record!.details.acknowledgement).toEqual({
      at: '2026-10-27T10:00:00.000Z',
      byUserId: 'u-ka-100002',
      supportOffered: true,
      beforeSchoolStart: true,
    });
    expect(h.record!.details.heldUntil).toBeUndefined();
    expect(h.record!.details.heldOverHoliday).toBe(true);
    expect(h.timers.map((t) => [t.checkpointId, t.dueAt])).toEqual([['retention', '2026-11-26T10:00:00.000Z']]);
    expect(d.outcome === 'applied' && d.timeline.map((t) => t.summary)).toContain(
      'Acknowledged by the school while held over the holiday; support offered',
    );
    h.runUntil('2026-11-02T12:00:00Z');
    expect(h.outbox).toEqual([]);
  });

  it('a school with holiday cover is told at once, even in the holidays', () => {
    const { h } = opened('2026-10-27T10:00:00Z', school({ holidayCover: true }));
    expect(h.outbox.map((m) => m.createdAt)).toEqual(['2026-10-27T10:00:00Z']);
  });

  it('a normal weekend in term is not a holiday: told at once', () => {
    const { h } = opened('2026-11-06T21:00:00Z', school({ holidayCover: false }));
    expect(h.outbox).toHaveLength(1);
  });
});

describe('a school not known', () => {
  it('goes to the local authority with 1 working day to find the school, then proceeds with its own deadline', () => {
    const { h } = opened('2026-11-04T19:30:00Z', null, '2026-11-04T19:30:00Z', { schoolUrn: 'not known' });
    expect(h.outbox.map((m) => m.address)).toEqual(['education.safeguarding@riverside.example.gov.uk']);
    expect(h.record!.clocks['find-school']!.dueAt).toBe('2026-11-05T23:59:59.999Z');
    const d = h.apply('schoolIdentified', { schoolUrn: '100001' }, admin, '2026-11-05T09:15:00Z', undefined, {
      school: school(),
    });
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['find-school']!.status).toBe('met');
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-11-05T08:30:00.000Z');
    expect(h.record!.details.schoolFoundAfterWorkingDays).toBe(1);
    expect(h.outbox.at(-1)!.address).toBe('kim.walsh@riverside-primary.example.sch.uk');
  });

  it('alerts the local authority when the school is still not found after a working day', () => {
    const { h } = opened('2026-11-04T19:30:00Z', null, '2026-11-04T19:30:00Z', { schoolUrn: '999999' });
    h.outbox = [];
    h.runUntil('2026-11-06T09:00:00Z');
    expect(h.outbox.map((m) => [m.createdAt, m.recipientRole])).toEqual([
      ['2026-11-05T23:59:59.999Z', 'laSafeguardingLead'],
    ]);
  });
});

describe('across the border between the two councils', () => {
  const eastbrookPolice = { ...police, userId: 'c-eastbrook-police', organisation: 'eastbrook-police' };
  const eastbrookSchool = school({
    urn: '100101',
    name: 'Eastbrook Primary School',
    localAuthorityCode: '338',
    termCalendarId: 'la-338',
    startOfDay: '08:40',
  });

  it("a Riverside force's child at an Eastbrook school: Eastbrook's term dates, Eastbrook's council on the case", () => {
    // Fri 23 Oct 2026, 22:00 BST: Riverside's half term is next week, Eastbrook's was this week; Eastbrook's
    // school is back on Mon 26 Oct at 08:40 GMT (the clocks went back on Sun 25 Oct).
    const { h, d } = opened('2026-10-23T21:00:00Z', eastbrookSchool);
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-10-26T08:40:00.000Z');
    expect(h.outbox.map((m) => m.address)).toEqual(['kim.walsh@riverside-primary.example.sch.uk']);
    expect(h.record!.details.localAuthorityCode).toBe('338');
    expect(h.record!.organisations.sort()).toEqual(['eastbrook-council', 'riverside-police']);
    // The same night, a Riverside school: after Riverside's half term.
    expect(opened('2026-10-23T21:00:00Z').h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-11-02T08:30:00.000Z');
  });

  it("a school not known goes to the council police name as the child's home, whichever force sends it", () => {
    const { h } = opened('2026-11-04T19:30:00Z', null, '2026-11-04T19:30:00Z', {
      schoolUrn: 'not known',
      homeCouncil: 'eastbrook-council',
    });
    expect(h.outbox.map((m) => m.address)).toEqual(['education.safeguarding@eastbrook.example.gov.uk']);
    expect(h.record!.details.localAuthorityCode).toBe('338');
    expect(h.record!.organisations.sort()).toEqual(['eastbrook-council', 'riverside-police']);
    expect(h.record!.clocks['find-school']!.ownerOrganisation).toBe('eastbrook-council');
  });

  it('without a home council, a school not known goes to the council the sending force covers', () => {
    const h = new ProcessHarness<EncompassDetails>(operationEncompass);
    const d = h.apply(
      'policeNotification',
      notification('2026-11-04T19:30:00Z', { schoolUrn: 'not known' }),
      eastbrookPolice,
      '2026-11-04T19:30:00Z',
    );
    expect(d.outcome).toBe('applied');
    expect(h.outbox.map((m) => m.address)).toEqual(['education.safeguarding@eastbrook.example.gov.uk']);
    expect(h.record!.organisations.sort()).toEqual(['eastbrook-council', 'eastbrook-police']);
    // Riverside's force, no home council: Riverside's.
    const riverside = opened('2026-11-04T19:30:00Z', null, '2026-11-04T19:30:00Z', { schoolUrn: 'not known' });
    expect(riverside.h.outbox.map((m) => m.address)).toEqual(['education.safeguarding@riverside.example.gov.uk']);
  });

  it("redirected to a school in the other council's area: the case becomes that council's, the other's no longer", () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    expect(h.record!.organisations.sort()).toEqual(['riverside-council', 'riverside-police']);
    const d = h.apply(
      'redirected',
      { schoolUrn: '100101', reason: 'changedSchool' },
      police,
      '2026-11-04T20:00:00Z',
      undefined,
      { school: eastbrookSchool },
    );
    expect(d.outcome).toBe('applied');
    expect(h.record!.organisations.sort()).toEqual(['eastbrook-council', 'riverside-police']);
    expect(h.record!.details.localAuthorityCode).toBe('338');
    const eastbrookAdmin = { ...admin, userId: 'u-nell', organisation: 'eastbrook-council' };
    const facts = { partnership: testPartnership };
    expect(mayReadCase(eastbrookAdmin, operationEncompass, h.record!, facts)).toBe(true);
    expect(mayReadCase(admin, operationEncompass, h.record!, facts)).toBe(false);
    // Eastbrook Primary's next school day after 20:00 on Wed 4 Nov: Thu 5 Nov at its 08:40 start.
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-11-05T08:40:00.000Z');
  });

  it('redirected to a school whose local authority is no council of the partnership: the councils stay', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    const elsewhere = school({ urn: '200001', name: 'Northvale School', localAuthorityCode: '331' });
    h.apply('redirected', { schoolUrn: '200001', reason: 'changedSchool' }, police, '2026-11-04T20:00:00Z', undefined, {
      school: elsewhere,
    });
    expect(h.record!.organisations.sort()).toEqual(['riverside-council', 'riverside-police']);
  });

  it.each([
    ['a council outside the partnership', 'westmoor-council'],
    ['an organisation that is not a council', 'riverside-health'],
  ])('refuses a home council that is %s, naming the field; nothing is recorded', (_what, homeCouncil) => {
    const { h, d } = opened('2026-11-04T19:30:00Z', null, '2026-11-04T19:30:00Z', {
      schoolUrn: 'not known',
      homeCouncil,
    });
    expect(d.outcome).not.toBe('applied');
    expect(d.response.rejection?.status).toBe(400);
    expect(d.response.rejection?.issues).toEqual([
      {
        path: 'child.homeCouncil',
        message: `no council ${homeCouncil} in the partnership (its councils: riverside-council, eastbrook-council)`,
      },
    ]);
    expect(h.record).toBeUndefined();
    expect(h.outbox).toEqual([]);
  });
});

describe('a child who changed school', () => {
  it('is redirected: the new school is told, and the old school loses access', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    const newSchool = school({
      urn: '100003',
      name: 'Riverside High School',
      keyAdult: { name: 'Pat Lowe', email: 'pat.lowe@riverside-high.example.sch.uk', phone: '01632 960003' },
    });
    const d = h.apply(
      'redirected',
      { schoolUrn: '100003', reason: 'changedSchool' },
      police,
      '2026-11-04T20:00:00Z',
      undefined,
      { school: newSchool },
    );
    expect(d.outcome).toBe('applied');
    expect(h.outbox.at(-1)!.address).toBe('pat.lowe@riverside-high.example.sch.uk');
    expect(mayReadCase(keyAdultOf('100001'), operationEncompass, h.record!, { partnership: testPartnership })).toBe(
      false,
    );
    expect(mayReadCase(keyAdultOf('100003'), operationEncompass, h.record!, { partnership: testPartnership })).toBe(
      true,
    );
    expect(h.apply('acknowledged', {}, keyAdultOf('100001'), '2026-11-05T08:00:00Z').response.rejection?.status).toBe(
      404,
    );
  });
});

describe("a change to the school's days in the directory", () => {
  it('an INSET day added on the deadline day moves the deadline to the start of the next school day, with its reminders', () => {
    // Prepare: police attended Wed 4 Nov 2026 at 19:30 GMT; Riverside Primary is told, due Thu 5 Nov 08:30.
    const { h } = opened('2026-11-04T19:30:00Z');
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-11-05T08:30:00.000Z');
    h.outbox = [];
    // Act: at 21:00 the directory records an INSET day on Thu 5 Nov.
    const d = h.apply(
      'schoolDetailsChanged',
      { schoolUrn: '100001', directoryUpdatedAt: '2026-11-04T21:00:00Z' },
      partnershipAdmin,
      '2026-11-04T21:00:00Z',
      undefined,
      { school: school({ extraInsetDays: ['2026-11-05'] }) },
    );
    // Assess
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-11-06T08:30:00.000Z');
    expect(h.record!.details.school!.extraInsetDays).toEqual(['2026-11-05']);
    expect(d.outcome === 'applied' && d.timeline.map((t) => t.summary)).toContain(
      "The school's days changed in the directory: to be acknowledged before Fri 6 Nov 2026 at 08:30 (was Thu 5 Nov 2026 at 08:30)",
    );
    h.runUntil('2026-11-06T12:00:00Z');
    expect(h.outbox.map((m) => [m.createdAt, m.recipientRole])).toEqual([
      ['2026-11-06T09:00:00.000Z', 'keyAdult'],
      ['2026-11-06T09:00:00.000Z', 'deputy'],
      ['2026-11-06T10:30:00.000Z', 'laSafeguardingLead'],
      ['2026-11-06T10:30:00.000Z', 'policeCoordinator'],
    ]);
  });

  it('moves a held release with the deadline, and releases at once when the school takes on holiday cover', () => {
    // Prepare: held over half term for Northgate until Mon 2 Nov 2026 07:00 (deadline 08:30).
    const northgate = school({ urn: '100002', name: 'Northgate Primary School', holidayCover: false });
    const { h } = opened('2026-10-23T21:00:00Z', northgate);
    // Act: on Tue 27 Oct at 10:00 GMT an INSET day is added on Mon 2 Nov.
    h.apply(
      'schoolDetailsChanged',
      { schoolUrn: '100002', directoryUpdatedAt: '2026-10-27T10:00:00Z' },
      partnershipAdmin,
      '2026-10-27T10:00:00Z',
      undefined,
      { school: { ...northgate, extraInsetDays: ['2026-11-02'] } },
    );
    // Assess
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-11-03T08:30:00.000Z');
    expect(h.record!.details.heldUntil).toBe('2026-11-03T07:00:00.000Z');
    h.runUntil('2026-11-03T08:00:00Z');
    expect(h.outbox.map((m) => [m.createdAt, m.recipientRole])).toEqual([['2026-11-03T07:00:00.000Z', 'keyAdult']]);
    expect(h.outbox[0]!.body).toContain('before 8:30am on 3 November 2026');
  });

  it('releases a held notification at once when the school takes on holiday cover', () => {
    const northgate = school({ urn: '100002', name: 'Northgate Primary School', holidayCover: false });
    const { h } = opened('2026-10-23T21:00:00Z', northgate);
    // Act: on Wed 28 Oct 2026 at 10:00 GMT the directory records holiday cover.
    h.apply(
      'schoolDetailsChanged',
      { schoolUrn: '100002', directoryUpdatedAt: '2026-10-28T10:00:00Z' },
      partnershipAdmin,
      '2026-10-28T10:00:00Z',
      undefined,
      { school: { ...northgate, holidayCover: true } },
    );
    // Assess
    expect(h.outbox.map((m) => [m.createdAt, m.recipientRole])).toEqual([['2026-10-28T10:00:00Z', 'keyAdult']]);
    expect(h.record!.details.heldUntil).toBeUndefined();
    expect(h.record!.clocks['key-adult-told']!.dueAt).toBe('2026-11-02T08:30:00.000Z');
    expect(h.timers.filter((t) => t.checkpointId.startsWith('release-'))).toEqual([]);
  });

  it('a deadline already passed stays as it was', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    h.runUntil('2026-11-05T09:00:00Z');
    h.apply(
      'schoolDetailsChanged',
      { schoolUrn: '100001', directoryUpdatedAt: '2026-11-05T09:10:00Z' },
      partnershipAdmin,
      '2026-11-05T09:10:00Z',
      undefined,
      { school: school({ startOfDay: '09:15' }) },
    );
    expect(h.record!.clocks['key-adult-told']!).toMatchObject({
      dueAt: '2026-11-05T08:30:00.000Z',
      status: 'breached',
    });
  });
});

describe('a correction by police', () => {
  it('changes only what it names, is audited, and is refused once the details are removed', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    const d = h.apply('amended', { child: { name: 'Jamie Tester', present: false } }, police, '2026-11-04T20:15:00Z');
    expect(d.outcome).toBe('applied');
    expect(h.record!.details.child).toEqual({
      name: 'Jamie Tester',
      dateOfBirth: '2016-03-03',
      present: false,
      welfareCheck: true,
    });
    expect(h.record!.details.amendments).toEqual([
      { at: '2026-11-04T20:15:00.000Z', fields: ['child.name', 'child.present'] },
    ]);
    expect(d.outcome === 'applied' && d.audit).toEqual([
      expect.objectContaining({
        action: 'change',
        what: 'Corrected by police',
        actor: { userId: 'c-police', role: 'police', organisation: 'riverside-police' },
      }),
    ]);
    expect(h.apply('amended', {}, police, '2026-11-04T20:20:00Z').response.rejection?.status).toBe(400);
    const otherForce = { ...police, userId: 'c-other', organisation: 'northvale-police' };
    expect(
      h.apply('amended', { child: { present: true } }, otherForce, '2026-11-04T20:25:00Z').response.rejection?.status,
    ).toBe(404);
    h.apply('acknowledged', {}, keyAdultOf('100001'), '2026-11-05T08:00:00Z');
    h.runUntil('2026-12-06T00:00:00Z');
    expect(
      h.apply('amended', { child: { present: true } }, police, '2026-12-06T09:00:00Z').response.rejection?.status,
    ).toBe(409);
  });
});

describe('what each reader sees', () => {
  it("the school sees the least it needs; police see the status, never the school's notes", () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    h.apply('acknowledged', { supportOffered: true }, keyAdultOf('100001'), '2026-11-05T08:10:00Z');
    const forSchool = operationEncompass.viewFor!(keyAdultOf('100001'), h.record!) as Record<string, unknown>;
    expect(Object.keys(forSchool).sort()).toEqual([
      'acknowledgement',
      'child',
      'deadline',
      'policeAttendedAt',
      'policeContact',
      'school',
      'status',
    ]);
    expect(forSchool).not.toHaveProperty('forceIncidentReference');
    const forPolice = operationEncompass.viewFor!(police, h.record!) as Record<string, unknown>;
    expect(forPolice).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2026-11-05T08:10:00.000Z' });
    expect(JSON.stringify(forPolice)).not.toContain('supportOffered');
  });
});

describe('retention', () => {
  it("removes the child's details 30 days after acknowledgement; the anonymous timings remain", () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    h.apply('acknowledged', {}, keyAdultOf('100001'), '2026-11-05T08:10:00Z');
    h.runUntil('2026-12-06T00:00:00Z');
    expect(h.record!.details.child).toEqual({ removed: true });
    expect(h.record!.details.policeContact).toEqual({ removed: true });
    expect(h.record!.status).toBe('closed');
    expect(h.record!.clocks['key-adult-told']!.status).toBe('met');
    expect(JSON.stringify(h.record)).not.toMatch(/Jamie|2016-03-03|Public Protection/);
    expect(mayReadCase(keyAdultOf('100001'), operationEncompass, h.record!, { partnership: testPartnership })).toBe(
      false,
    );
  });
});

describe('retention of a notification never acknowledged', () => {
  it("removes the child's details 90 days after police attended and closes the notification; the anonymous timings remain, and the removal is audited", () => {
    // Prepare: police attended Wed 4 Nov 2026 at 19:30 GMT; the school never acknowledges.
    const { h } = opened('2026-11-04T19:30:00Z');
    expect(h.timers.find((t) => t.checkpointId === 'notification-retention')?.dueAt).toBe('2027-02-02T19:30:00.000Z');
    // Act
    h.runUntil('2027-02-02T19:29:59Z');
    expect(h.record!.status).toBe('open');
    h.runUntil('2027-02-03T00:00:00Z');
    // Assess
    expect(h.record!.details.child).toEqual({ removed: true });
    expect(h.record!.details.policeContact).toEqual({ removed: true });
    expect(h.record!.details.detailsRemovedAt).toBe('2027-02-02T19:30:00.000Z');
    expect(h.record!).toMatchObject({
      status: 'closed',
      closedAt: '2027-02-02T19:30:00.000Z',
      closureReason:
        "the retention period of 90 days from police attendance ended before the notification was acknowledged; the child's details were removed",
    });
    expect(h.record!.clocks['key-adult-told']!.status).toBe('breached');
    expect(h.timers).toEqual([]);
    expect(JSON.stringify(h.record)).not.toMatch(/Jamie|2016-03-03|Public Protection|kim\.walsh/);
    const last = h.decisions.at(-1)!;
    expect(last.outcome === 'applied' && last.audit).toEqual([
      expect.objectContaining({
        action: 'change',
        caseId: h.record!.caseId,
        what: "Operation Encompass retention: the child's details removed",
      }),
    ]);
    expect(operationEncompass.viewFor!(police, h.record!)).toMatchObject({ status: 'closed' });
  });

  it('is set per partnership, within 70 to 180 days (outside is refused: workflows/operation-encompass/settings.test.ts)', () => {
    const withDays = (notificationRetentionDays?: number) => ({
      ...testPartnership,
      processes: {
        ...testPartnership.processes,
        'operation-encompass': {
          settings: {
            ...testPartnership.processes['operation-encompass']!.settings,
            ...(notificationRetentionDays === undefined ? {} : { notificationRetentionDays }),
          },
        },
      },
    });
    expect(settingsFor(withDays(120)).notificationRetentionDays).toBe(120);
    expect(() => settingsFor(withDays(7))).toThrow(
      /notificationRetentionDays: expected a whole number of days from 70 to 180/,
    );
    expect(() => settingsFor(withDays(3650))).toThrow(
      /notificationRetentionDays: expected a whole number of days from 70 to 180/,
    );
    expect(settingsFor(withDays()).notificationRetentionDays).toBe(90);
    const h = new ProcessHarness<EncompassDetails>(operationEncompass, withDays(120));
    h.apply('policeNotification', notification('2026-11-04T19:30:00Z'), police, '2026-11-04T19:30:00Z', undefined, {
      school: school(),
    });
    expect(h.timers.find((t) => t.checkpointId === 'notification-retention')?.dueAt).toBe('2027-03-04T19:30:00.000Z');
  });

  it('is cancelled by acknowledgement: retention then runs from the acknowledgement', () => {
    const { h } = opened('2026-11-04T19:30:00Z');
    h.apply('acknowledged', {}, keyAdultOf('100001'), '2026-11-05T08:10:00Z');
    expect(h.timers.map((t) => [t.checkpointId, t.dueAt])).toEqual([['retention', '2026-12-05T08:10:00.000Z']]);
  });
});

describe('an administrator closes a notification that cannot be acknowledged', () => {
  it('the child has left the school: the clock no longer applies, the release and reminders are cancelled, the details removed, and the closure audited', () => {
    // Prepare: held over half term for Northgate (no holiday cover) until Mon 2 Nov 2026 07:00.
    const { h } = opened(
      '2026-10-23T21:00:00Z',
      school({ urn: '100002', name: 'Northgate Primary School', holidayCover: false }),
    );
    // Act: the local authority's administrator learns on Tue 27 Oct at 10:00 GMT that the child has left the school.
    const d = h.apply('closedByAdministrator', { reason: 'childLeftSchool' }, admin, '2026-10-27T10:00:00Z');
    // Assess
    expect(d.outcome).toBe('applied');
    expect(h.record!.clocks['key-adult-told']!).toMatchObject({
      status: 'notApplicable',
      stoppedAt: '2026-10-27T10:00:00.000Z',
    });
    expect(h.timers).toEqual([]);
    expect(h.record!).toMatchObject({
      status: 'closed',
      closedAt: '2026-10-27T10:00:00.000Z',
      closureReason: "closed by an administrator (the child has left the school); the child's details were removed",
    });
    expect(h.record!.details.administratorClosure).toEqual({
      at: '2026-10-27T10:00:00.000Z',
      byUserId: 'u-admin',
      byRole: 'administrator',
      reason: 'childLeftSchool',
    });
    expect(h.record!.details.child).toEqual({ removed: true });
    expect(d.outcome === 'applied' && d.audit).toEqual([
      expect.objectContaining({
        action: 'change',
        what: 'Closed by an administrator',
        actor: { userId: 'u-admin', role: 'administrator', organisation: 'riverside-council' },
      }),
    ]);
    h.runUntil('2026-11-03T00:00:00Z');
    expect(h.outbox).toEqual([]);
  });

  it('the partnership administrator may close one too; "other" needs words; a school, police, or an acknowledged notification are refused', () => {
    const a = opened('2026-11-04T19:30:00Z').h;
    expect(
      a.apply('closedByAdministrator', { reason: 'other' }, partnershipAdmin, '2026-11-04T20:00:00Z').response.rejection
        ?.status,
    ).toBe(400);
    expect(
      a.apply('closedByAdministrator', { reason: 'childLeftSchool' }, keyAdultOf('100001'), '2026-11-04T20:00:00Z')
        .response.rejection?.status,
    ).toBe(403);
    expect(
      a.apply('closedByAdministrator', { reason: 'childLeftSchool' }, police, '2026-11-04T20:00:00Z').response.rejection
        ?.status,
    ).toBe(403);
    const d = a.apply(
      'closedByAdministrator',
      { reason: 'other', reasonText: 'The family has moved abroad' },
      partnershipAdmin,
      '2026-11-04T20:05:00Z',
    );
    expect(d.outcome).toBe('applied');
    expect(a.record!.closureReason).toBe("closed by an administrator (other); the child's details were removed");
    const b = opened('2026-11-04T19:30:00Z').h;
    b.apply('acknowledged', {}, keyAdultOf('100001'), '2026-11-05T08:10:00Z');
    expect(
      b.apply('closedByAdministrator', { reason: 'schoolNotKnown' }, admin, '2026-11-05T09:00:00Z').response.rejection
        ?.status,
    ).toBe(409);
  });
});

describe('who Operation Encompass covers', () => {
  it.each([
    // reception in 2026/27: born 1 Sep 2021 to 31 Aug 2022
    ['the youngest reception child', '2022-08-31', '2026-11-04', undefined],
    [
      'a child too young for reception',
      '2022-09-01',
      '2026-11-04',
      'the child is below reception age; early years settings are not enabled for this partnership',
    ],
    ['a 17-year-old', '2009-11-05', '2026-11-04', undefined],
    [
      'an 18-year-old',
      '2008-11-04',
      '2026-11-04',
      'the child is 18 or over: Operation Encompass covers children up to 17',
    ],
  ])('%s', (_who, dob, day, problem) => {
    expect(ageProblem(dob, day, false)).toBe(problem);
  });

  it('early years can be enabled per partnership', () => {
    expect(ageProblem('2023-01-01', '2026-11-04', true)).toBeUndefined();
  });

  it('refuses a child out of range with the reason, and stores nothing', () => {
    const { h, d } = opened('2026-11-04T19:30:00Z', school(), '2026-11-04T19:30:00Z', { dateOfBirth: '2008-01-01' });
    expect(d.response.rejection?.issues).toEqual([
      { path: 'child.dateOfBirth', message: 'the child is 18 or over: Operation Encompass covers children up to 17' },
    ]);
    expect(h.record).toBeUndefined();
  });

  it('refuses fields about who did what, where, or what happened, by name', () => {
    const { d } = opened('2026-11-04T19:30:00Z', school(), '2026-11-04T19:30:00Z', {
      address: '1 High St',
      allegedPerpetrator: 'x',
    });
    expect(d.outcome).toBe('rejected');
    expect(JSON.stringify(d.response.rejection)).toMatch(/address/);
  });
});

describe('figures', () => {
  type Row = Record<string, unknown>;
  const figuresOf = (records: CaseRecord<EncompassDetails>[], now: string) =>
    figuresAnswer(operationEncompass, records, operationEncompass.clocks, new Date(now), {
      workingDays: createWorkingDayCalendar(),
    }) as unknown as {
      bySchool: { measures: Record<string, string>; rows: Row[] };
      byLocalAuthority: { rows: Row[] };
    };

  it('per school and local authority and London month: share acknowledged before school start, median minutes, escalations, held, unknown schools; small numbers suppressed', () => {
    // Prepare: two children of one school, so every figure of that school is drawn from fewer than 5.
    const a = opened('2026-11-04T19:30:00Z').h;
    a.apply('acknowledged', {}, keyAdultOf('100001'), '2026-11-05T08:00:00Z');
    const b = opened('2026-11-04T19:30:00Z', school(), '2026-11-04T19:30:00Z', { name: 'Second Child' }).h;
    b.runUntil('2026-11-05T11:00:00Z');
    b.apply('acknowledged', {}, keyAdultOf('100001'), '2026-11-05T11:00:00Z');
    // Act
    const figures = figuresOf([a.record!, b.record!], '2026-11-06T00:00:00Z');
    // Assess
    const row = {
      month: '2026-11',
      localAuthorityCode: '330',
      notifications: 'fewer than 5',
      acknowledgedBeforeSchoolStart: 'fewer than 5',
      shareAcknowledgedBeforeSchoolStart: 'withheld',
      medianMinutesToAcknowledge: 'withheld',
      escalations: 'fewer than 5',
      heldOverHolidays: 0,
      unknownSchools: 0,
      medianWorkingDaysToFindSchool: null,
    };
    expect(figures.bySchool.rows).toEqual([{ ...row, schoolUrn: '100001' }]);
    expect(figures.byLocalAuthority.rows).toEqual([row]);
    expect(figures.bySchool.measures).toMatchObject({
      notifications: 'count',
      shareAcknowledgedBeforeSchoolStart: 'share',
      medianMinutesToAcknowledge: 'median',
    });
  });

  it('shows counts of 5 or more, and withholds a second school so the authority total does not reveal a small one; no per-case row', () => {
    // Prepare: five children at Riverside Primary (all acknowledged), one at St Anne's, same month and authority.
    const riverside = ['Ari', 'Bea', 'Cal', 'Dee', 'Eli'].map((name, i) => {
      const { h } = opened('2026-11-04T19:30:00Z', school(), '2026-11-04T19:30:00Z', { name: `${name} Child` });
      h.apply('acknowledged', {}, keyAdultOf('100001'), `2026-11-05T08:0${i}:00Z`);
      return h.record!;
    });
    const stAnnes = opened(
      '2026-11-04T19:30:00Z',
      school({ urn: '100002', name: "St Anne's CofE Primary School" }),
      '2026-11-04T19:30:00Z',
      { name: 'Fay Child' },
    ).h.record!;
    // Act
    const figures = figuresOf([...riverside, stAnnes], '2026-11-06T00:00:00Z');
    // Assess
    expect(figures.bySchool.rows).toEqual([
      // Withheld beside St Anne's 1, with the count it is a share of; the median of five children is shown.
      expect.objectContaining({
        schoolUrn: '100001',
        notifications: 'withheld',
        shareAcknowledgedBeforeSchoolStart: 'withheld',
        medianMinutesToAcknowledge: expect.any(Number),
      }),
      expect.objectContaining({
        schoolUrn: '100002',
        notifications: 'fewer than 5',
        shareAcknowledgedBeforeSchoolStart: 'withheld',
        medianMinutesToAcknowledge: null,
      }),
    ]);
    // The authority's total is shown; its share would reveal the one child not acknowledged before school started.
    expect(figures.byLocalAuthority.rows).toEqual([
      expect.objectContaining({
        localAuthorityCode: '330',
        notifications: 6,
        shareAcknowledgedBeforeSchoolStart: 'withheld',
      }),
    ]);
    expect(figures).not.toHaveProperty('caseFigures');
    expect(JSON.stringify(figures)).not.toMatch(/Child|OE-|caseCode/);
  });

  it('counts a notification in the London month police attended: 23:30 UTC on 31 Mar 2027 is April (BST)', () => {
    const { h } = opened('2027-03-31T23:30:00Z', school(), '2027-03-31T23:45:00Z');
    const figures = figuresOf([h.record!], '2027-04-02T00:00:00Z');
    expect(figures.byLocalAuthority.rows.map((r) => r.month)).toEqual(['2027-04']);
  });
});
