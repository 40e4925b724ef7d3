/**
 * Operation Encompass's expected steps, hand-worked. Police attend at 10:00 on Wed 4 Nov 2026 (GMT); the
 * Key Adult at Riverside Primary (school starts 08:30) is to be told before the next school day starts:
 * 08:30 on Thu 5 Nov.
 */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import type { SchoolSnapshot } from '#core/schools/model';
import { ProcessHarness } from '#test/support/process-harness';
import { offered, stateOf, stepsAt } from '#test/support/steps';
import type { EncompassDetails } from './contract';
import * as oeParts from './index';

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
const ATTENDED = '2026-11-04T10:00:00Z';
const DUE = '2026-11-05T08:30:00.000Z';

function notified(snapshot: SchoolSnapshot | null = school) {
  const h = new ProcessHarness<EncompassDetails>(operationEncompass);
  const payload = {
    forceIncidentReference: 'RP-26-004417',
    attendedAt: ATTENDED,
    child: {
      name: 'Jamie Test',
      dateOfBirth: '2016-03-03',
      schoolUrn: '100001',
      present: true,
      welfareCheck: true,
      policeContact: { desk: 'Public Protection Unit', phone: '01632 960100' },
    },
  };
  h.apply('policeNotification', payload, police, ATTENDED, undefined, snapshot ? { school: snapshot } : undefined);
  return h;
}

describe('Operation Encompass: what is expected next', () => {
  it('sent to the school: the acknowledgement due by the start of the next school day, then overdue', () => {
    const h = notified();
    const s = stepsAt(h, '2026-11-04T11:00:00Z');
    expect(stateOf(s)).toEqual([['acknowledged', 'due', DUE]]);
    expect(offered(s)).toEqual(['acknowledged', 'redirected', 'amended', 'closedByAdministrator']);
    expect(stateOf(stepsAt(h, '2026-11-05T08:31:00Z'))).toEqual([['acknowledged', 'overdue', DUE]]);
  });

  it('acknowledged: done, and no longer offered (the rules refuse a second), nor a redirect or a closure', () => {
    const h = notified();
    h.apply('acknowledged', { supportOffered: true }, keyAdult, '2026-11-05T08:10:00Z');
    const s = stepsAt(h, '2026-11-05T09:00:00Z');
    expect(s.steps[0]).toMatchObject({ state: 'done', doneAt: '2026-11-05T08:10:00.000Z', recordable: false });
    expect(offered(s)).toEqual(['amended']);
    expect(h.apply('acknowledged', {}, keyAdult, '2026-11-05T09:10:00Z').outcome).toBe('rejected');
  });

  it('a school not in the directory: finding it comes first, the acknowledgement cannot start yet', () => {
    const h = notified(null);
    const s = stepsAt(h, '2026-11-04T11:00:00Z');
    expect(s.steps.map((x) => [x.event, x.state, x.recordable])).toEqual([
      ['schoolIdentified', 'due', true],
      ['acknowledged', 'notYet', false],
    ]);
    // No school to redirect from yet.
    expect(s.otherEvents).toEqual(['amended', 'closedByAdministrator']);
  });
});
