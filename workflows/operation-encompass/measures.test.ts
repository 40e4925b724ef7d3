/**
 * The Operation Encompass measures on notifications written out by hand: each in the London month police
 * attended, told before the next school day by the Key Adult clock's deadline, acknowledged (before the
 * school day or later), escalated, by school (a school not yet found apart).
 */
import { describe, expect, it } from 'vitest';
import { countMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { KEY_ADULT_CLOCK } from './clocks';
import type { EncompassDetails } from './details';
import { operationEncompassMeasures as measures, SCHOOL_NOT_YET_FOUND } from './measures';

const school = { urn: '100001', name: 'Riverside Primary School' };

function notification(attendedAt: string, d: Partial<EncompassDetails>, dueAt?: string) {
  return {
    caseId: attendedAt,
    details: { attendedAt, escalated: false, heldOverHoliday: false, ...d },
    clocks: dueAt ? { [KEY_ADULT_CLOCK]: { dueAt } } : {},
  } as unknown as CaseRecord<EncompassDetails>;
}

describe('Operation Encompass measures', () => {
  // Prepare: police attended on the evening of Thu 30 Apr (BST); the school starts at 08:30 on Fri 1 May.
  const due = '2026-05-01T07:30:00Z';
  const records = [
    // Told at once, acknowledged at 08:10 BST: before the school day.
    notification(
      '2026-04-30T19:00:00Z',
      {
        school: school as EncompassDetails['school'],
        notifiedAt: '2026-04-30T19:05:00Z',
        acknowledgement: { at: '2026-05-01T07:10:00Z', byUserId: 'u', beforeSchoolStart: true },
      },
      due,
    ),
    // 23:30 UTC on 30 Apr is 00:30 BST on 1 May: May's. Told at once, acknowledged late after escalation.
    notification(
      '2026-04-30T23:30:00Z',
      {
        school: school as EncompassDetails['school'],
        notifiedAt: '2026-04-30T23:35:00Z',
        escalated: true,
        acknowledgement: { at: '2026-05-01T10:00:00Z', byUserId: 'u', beforeSchoolStart: false },
      },
      due,
    ),
    // The school not known: not told yet.
    notification('2026-04-30T20:00:00Z', {}),
  ];
  const counts = countMeasures(measures, records, [2026], { now: new Date('2026-06-01T12:00:00Z') });
  const yearOf = (id: string) => counts.find((c) => c.id === id)!.years![0]!;

  it('counts each notification in the London month police attended', () => {
    expect(yearOf('notifications').months.slice(3, 5)).toEqual([{ count: 2 }, { count: 1 }]);
    expect(yearOf('notifications').groups.school).toEqual({
      'Riverside Primary School (100001)': 2,
      [SCHOOL_NOT_YET_FOUND]: 1,
    });
  });

  it('counts Key Adults told before the next school day, acknowledgements and escalations', () => {
    expect(yearOf('told-before-next-school-day').total).toEqual({ count: 3, within: 2 });
    expect(yearOf('acknowledged').total).toEqual({ count: 3, within: 2 });
    expect(yearOf('acknowledged-before-school-start').months.slice(3, 5)).toEqual([
      { count: 2, within: 1 },
      { count: 1, within: 0 },
    ]);
    expect(yearOf('acknowledged-before-school-start').groups.school).toEqual({
      'Riverside Primary School (100001)': 1,
    });
    expect(yearOf('escalated').total).toEqual({ count: 3, within: 1 });
  });
});
