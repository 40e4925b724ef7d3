/**
 * Operation Encompass: what a notification's summary says of it as it stands: its deadline's one state
 * (overdue with how late; acknowledged late is met late) and each reminder and escalation made, when and
 * to whom. Hand-worked in GMT: police attended Wed 4 Nov 2026 at 19:30; Riverside Primary starts at 08:30,
 * so the deadline is 08:30 on Thu 5 Nov; the reminder is at 09:00, the escalation at 10:30.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { definitionOf } from '#core/process/catalogue';
import type { SchoolSnapshot } from '#core/schools/model';
import { ProcessHarness } from '#test/support/process-harness';
import type { EncompassDetails } from './contract';
import * as oeParts from './index';
import { notificationSummary } from './views';

const operationEncompass = definitionOf(oeParts);

const police = {
  kind: 'person' as const,
  userId: 'c-police',
  name: 'Riverside Police case system',
  role: 'police' as const,
  organisation: 'riverside-police',
};
const keyAdult = {
  kind: 'person' as const,
  userId: 'u-ka-100001',
  name: 'Key Adult',
  role: 'school-key-adult' as const,
  organisation: 'school-100001',
  schoolUrn: '100001',
};
const school: SchoolSnapshot = {
  urn: '100001',
  name: 'Riverside Primary School',
  localAuthorityCode: '330',
  termCalendarId: 'la-330',
  extraInsetDays: [],
  startOfDay: '08:30',
  holidayCover: true,
  keyAdult: { name: 'Kim Walsh', email: 'kim.walsh@riverside-primary.example.sch.uk', phone: '01632 960001' },
  deputy: { name: 'Ola Ade', email: 'ola.ade@riverside-primary.example.sch.uk', phone: '01632 960002' },
};

function notified() {
  const h = new ProcessHarness<EncompassDetails>(operationEncompass);
  h.apply(
    'policeNotification',
    {
      forceIncidentReference: 'RP-26-004417',
      attendedAt: '2026-11-04T19:30:00Z',
      child: {
        name: 'Jamie Test',
        dateOfBirth: '2016-03-03',
        schoolUrn: '100001',
        present: true,
        welfareCheck: true,
        policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
      },
    },
    police,
    '2026-11-04T19:30:00Z',
    undefined,
    { school },
  );
  return h;
}

const summaryAt = (h: ProcessHarness<EncompassDetails>, now: string) => {
  h.runUntil(now);
  const workingDays = createWorkingDayCalendar();
  return notificationSummary(h.record!, {
    now: new Date(now),
    calendars: operationEncompass.calendarsFor!(h.record!, { workingDays }),
    clocks: operationEncompass.clocks,
  });
};

const REMINDER = {
  checkpoint: 'renotify',
  kind: 'warning',
  at: '2026-11-05T09:00:00.000Z',
  told: ["the school's Key Adult", 'the deputy Key Adult'],
  words: "Reminder on Thu 5 Nov 2026 at 09:00 to the school's Key Adult and the deputy Key Adult",
};
const ESCALATION = {
  checkpoint: 'escalate',
  kind: 'escalation',
  at: '2026-11-05T10:30:00.000Z',
  told: ["the local authority's education safeguarding lead", 'the police Operation Encompass coordinator'],
  words:
    "Not yet acknowledged on Thu 5 Nov 2026 at 10:30: the local authority's education safeguarding lead and " +
    'the police Operation Encompass coordinator told',
};

describe("a notification's deadline and the escalations made", () => {
  it.each([
    ['the evening police attended: in time', '2026-11-04T20:00:00Z', { state: 'inTime' }, []],
    ['the morning of the deadline: due soon (its due day)', '2026-11-05T08:00:00Z', { state: 'dueSoon' }, []],
    [
      '40 minutes past, after the reminder',
      '2026-11-05T09:10:00Z',
      { state: 'overdue', late: { amount: 40, unit: 'minutes' } },
      [REMINDER],
    ],
    [
      'past the escalation: 2 hours late, and who was told',
      '2026-11-05T10:45:00Z',
      { state: 'overdue', late: { amount: 2, unit: 'hours' } },
      [REMINDER, ESCALATION],
    ],
    [
      'the next day: 24 hours late',
      '2026-11-06T08:31:00Z',
      { state: 'overdue', late: { amount: 24, unit: 'hours' } },
      [REMINDER, ESCALATION],
    ],
  ])('%s', (_when, now, deadline, escalations) => {
    // Act
    const summary = summaryAt(notified(), now);
    // Assess
    expect(summary.deadline).toMatchObject(deadline);
    expect(summary.deadline?.late).toEqual((deadline as { late?: unknown }).late);
    expect(summary.escalations).toEqual(escalations);
  });

  it('acknowledged before the deadline: met, nobody else told', () => {
    const h = notified();
    h.apply('acknowledged', { supportOffered: true }, keyAdult, '2026-11-05T08:10:00Z');
    const summary = summaryAt(h, '2026-11-05T12:00:00Z');
    expect(summary.deadline).toMatchObject({ state: 'met' });
    expect(summary.escalations).toEqual([]);
  });

  it('acknowledged after the escalation: met late (2 hours 30 minutes: 2 hours), the escalations kept', () => {
    const h = notified();
    h.runUntil('2026-11-05T11:00:00Z');
    h.apply('acknowledged', { supportOffered: false }, keyAdult, '2026-11-05T11:00:00Z');
    const summary = summaryAt(h, '2026-11-06T12:00:00Z');
    expect(summary.deadline).toMatchObject({ state: 'metLate', late: { amount: 2, unit: 'hours' } });
    expect(summary.escalations).toEqual([REMINDER, ESCALATION]);
  });
});
