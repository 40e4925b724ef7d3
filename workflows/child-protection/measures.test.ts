/**
 * Child protection's board measures, worked by hand from cases run through the rules: each clock in the
 * London month it fell due (met, met late or missed; an initial conference no longer needed not counted),
 * plans by the month of their conference, repeat plans by the plans the child had before, plans of 2 years
 * or more in calendar months, and open plans of 2 years or more at each month's end; by council.
 */
import { describe, expect, it } from 'vitest';
import { countMeasures } from '#core/measures/measure';
import { actors, applied, enquiryFrom, planFrom } from '#test/support/child-protection';
import { childProtectionMeasures as measures } from './measures';

const counted = (records: Parameters<typeof countMeasures>[1], year: number, now: string) => {
  const counts = countMeasures(measures, records as never[], [year], { now: new Date(now) });
  return (id: string) => counts.find((c) => c.id === id)!.years![0]!;
};

describe('child protection measures', () => {
  // A: discussed Tue 22 Dec 2026, conference Fri 15 Jan 2027 (day 15: within), a first plan; its first core
  // group on Mon 1 Feb (due Fri 29 Jan: late).
  const a = planFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z', '2027-01-15');
  applied(a.apply('coreGroupMeetingHeld', { heldOn: '2027-02-01' }, actors.socialWorker, '2027-02-01T16:00:00Z'));
  // B: discussed Mon 4 Jan 2027 (due Mon 25 Jan), conference Tue 26 Jan (late), the child's second plan; the
  // first core group on Tue 2 Feb (due Tue 9 Feb: within).
  const b = enquiryFrom('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z');
  applied(
    b.apply(
      'section47Completed',
      { completedOn: '2027-01-22', outcome: 'conferenceNeeded' },
      actors.socialWorker,
      '2027-01-22T12:00:00Z',
    ),
  );
  applied(
    b.apply(
      'initialConferenceHeld',
      {
        heldOn: '2027-01-26',
        chair: { name: 'Jordan Ellis', email: 'jordan.ellis@riverside.example.gov.uk' },
        childProtectionPlan: true,
        leadPractitioner: { name: 'Sam Okafor', email: 'sam.okafor@riverside.example.gov.uk', socialWorker: true },
        previousPlans: 1,
      },
      actors.socialWorker,
      '2027-01-26T16:00:00Z',
    ),
  );
  applied(b.apply('coreGroupMeetingHeld', { heldOn: '2027-02-02' }, actors.socialWorker, '2027-02-02T16:00:00Z'));
  // C: discussed Tue 22 Dec 2026, missed its day (Fri 15 Jan), then the enquiry concluded no conference was needed.
  const c = enquiryFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z');
  c.runUntil('2027-01-18T09:00:00Z');
  applied(
    c.apply(
      'section47Completed',
      { completedOn: '2027-01-18', outcome: 'childInNeedSupport' },
      actors.socialWorker,
      '2027-01-18T10:00:00Z',
    ),
  );
  const records = [a.record!, b.record!, c.record!];
  const of = counted(records, 2027, '2027-03-01T12:00:00Z');

  it('initial conferences within 15 working days, in the month each fell due; one no longer needed is not counted', () => {
    expect(of('initial-conferences-within-15-working-days').months[0]).toEqual({ count: 2, within: 1 });
    expect(of('initial-conferences-due').groups.council).toEqual({ 'riverside-council': 2 });
  });

  it('first core groups within 10 working days, in the month each fell due', () => {
    expect(of('first-core-groups-within-10-working-days').months.slice(0, 2)).toEqual([
      { count: 1, within: 0 },
      { count: 1, within: 1 },
    ]);
  });

  it('plans started and repeat plans (the child had one before) in the month of the conference; referrals and enquiries', () => {
    expect(of('repeat-plans').months[0]).toEqual({ count: 2, within: 1 });
    expect(of('referrals').months.slice(0, 1)).toEqual([{ count: 1 }]);
    expect(of('enquiries').months[0]).toEqual({ count: 1 });
    expect(counted(records, 2026, '2027-03-01T12:00:00Z')('enquiries').months[11]).toEqual({ count: 2 });
  });

  it('plans of 2 years or more: ended after 24 calendar months, and open at month ends once 2 years old', () => {
    // A's plan (from Fri 15 Jan 2027) ends on Tue 15 Jan 2029, the day it reaches 2 years; B's stays open.
    const ended = planFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z', '2027-01-15');
    applied(
      ended.apply(
        'planEnded',
        { endedOn: '2029-01-15', outcome: 'childInNeedSupport' },
        actors.socialWorker,
        '2029-01-15T12:00:00Z',
      ),
    );
    const open = b.record!;
    const in2029 = counted([ended.record!, open], 2029, '2029-02-10T12:00:00Z');
    expect(in2029('plans-ended-after-2-years').months[0]).toEqual({ count: 1, within: 1 });
    expect(in2029('plans-ended').groups.ending).toMatchObject({ childInNeedSupport: 1, steppedDownToFamilyHelp: 0 });
    // B's plan (from Tue 26 Jan 2027) is 2 years old on Fri 26 Jan 2029: open at the end of January and today
    expect(in2029('open-plans-2-years-or-more').months.slice(0, 3)).toEqual([{ count: 1 }, { count: 1 }, { count: 0 }]);
    expect(in2029('open-plans-2-years-or-more').total).toEqual({ count: 1 });
    expect(counted([open], 2028, '2029-02-10T12:00:00Z')('open-plans-2-years-or-more').months[11]).toEqual({
      count: 0,
    });
  });
});
