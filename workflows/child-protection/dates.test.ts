/**
 * Child protection's deadlines, computed by hand. Working days in England: Christmas Day (Fri 25 Dec
 * 2026), Boxing Day's substitute (Mon 28 Dec 2026), New Year's Day (Fri 1 Jan 2027), Good Friday (26 Mar
 * 2027) and Easter Monday (29 Mar 2027) are bank holidays; the council's closure days (29 to 31 Dec 2026,
 * in the test partnership) are not skipped by these statutory clocks. London is GMT (UTC) until 28 Mar
 * 2027 and from 31 Oct 2027, BST (UTC+1) between, and from 26 Mar 2028. A working-day clock falls due at
 * the end (23:59:59.999 London) of its Nth working day after the day it starts; its reminder at the end of
 * day 10 (the conference) or day 5 (the core group); its "due today" alert at 09:00 London on the due day.
 * Review conferences fall due at the end of the day 3 (then 6) calendar months on, the same day of the
 * month or the month's last. Rules level, in memory.
 */
import { describe, expect, it } from 'vitest';
import { PartnershipConfigError } from '#core/partnership/config';
import { checkPartnership as checkAgainst, definitionOf } from '#core/process/catalogue';
import { actors, applied, enquiryFrom, planFrom } from '#test/support/child-protection';
import { ProcessHarness, testPartnership } from '#test/support/process-harness';
import { processCatalogue } from '../catalogue';
import type { CpDetails } from './contract';
import { exampleReferral, exampleStrategyDiscussion } from './example';
import * as cpParts from './index';

const childProtection = definitionOf(cpParts);

/** The case's planned alerts for one clock, by checkpoint. */
const alertsOf = (h: ProcessHarness<CpDetails>, clockId: string) =>
  Object.fromEntries(h.timers.filter((t) => t.clockId === clockId).map((t) => [t.checkpointId, t.dueAt]));

describe('the initial child protection conference: 15 working days from the last strategy discussion', () => {
  it.each([
    // [strategy discussion, why, reminder (end of day 10), due today (09:00), due (end of day 15)]
    [
      '2026-12-18T11:00:00Z',
      'Fri 18 Dec 2026: days 1-4 Mon 21 to Thu 24 Dec, 5-7 Tue 29 to Thu 31 Dec (the council’s closure days count), 8-12 Mon 4 to Fri 8 Jan, 15 Wed 13 Jan',
      '2027-01-06T23:59:59.999Z',
      '2027-01-13T09:00:00.000Z',
      '2027-01-13T23:59:59.999Z',
    ],
    [
      '2026-12-22T14:00:00Z',
      'Tue 22 Dec 2026: 1 Wed 23, 2 Thu 24, (25 and 28 Dec bank holidays) 3-5 Tue 29 to Thu 31 Dec, (1 Jan) 6-10 Mon 4 to Fri 8 Jan, 15 Fri 15 Jan',
      '2027-01-08T23:59:59.999Z',
      '2027-01-15T09:00:00.000Z',
      '2027-01-15T23:59:59.999Z',
    ],
    [
      '2026-12-25T10:00:00Z',
      'on Christmas Day itself: day 1 is Tue 29 Dec, the first working day after; 15 Tue 19 Jan',
      '2027-01-12T23:59:59.999Z',
      '2027-01-19T09:00:00.000Z',
      '2027-01-19T23:59:59.999Z',
    ],
    [
      '2027-03-18T10:00:00Z',
      'Thu 18 Mar 2027, across Easter and into BST: 1-5 Fri 19 to Thu 25 Mar, (Good Friday, Easter Monday) 6-9 Tue 30 Mar to Fri 2 Apr, 10 Mon 5 Apr, 15 Mon 12 Apr',
      '2027-04-05T22:59:59.999Z',
      '2027-04-12T08:00:00.000Z',
      '2027-04-12T22:59:59.999Z',
    ],
    [
      '2026-10-23T13:00:00Z',
      'Fri 23 Oct 2026 (BST), the clocks go back on Sun 25 Oct: 10 Fri 6 Nov, 15 Fri 13 Nov (GMT)',
      '2026-11-06T23:59:59.999Z',
      '2026-11-13T09:00:00.000Z',
      '2026-11-13T23:59:59.999Z',
    ],
    [
      '2027-10-25T09:00:00Z',
      'Mon 25 Oct 2027 (BST), the clocks go back on Sun 31 Oct: 10 Mon 8 Nov, 15 Mon 15 Nov (GMT)',
      '2027-11-08T23:59:59.999Z',
      '2027-11-15T09:00:00.000Z',
      '2027-11-15T23:59:59.999Z',
    ],
  ])('%s (%s)', (discussedAt, _why, reminder, dueToday, due) => {
    // Prepare / Act: a referral an hour before, and the strategy discussion that starts the enquiry
    const h = enquiryFrom(new Date(Date.parse(discussedAt) - 3600_000).toISOString(), discussedAt);
    // Assess
    expect(h.record!.clocks['initial-conference']!.dueAt).toBe(due);
    expect(alertsOf(h, 'initial-conference')).toEqual({
      'initial-conference-reminder': reminder,
      'initial-conference-due-today': dueToday,
      'initial-conference-due': due,
    });
  });

  it('a later strategy discussion restarts the count from itself: Mon 4 Jan 2027 gives Mon 25 Jan', () => {
    // Prepare: discussed Tue 22 Dec 2026 (due Fri 15 Jan)
    const h = enquiryFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z');
    // Act: discussed again Mon 4 Jan: 1 Tue 5, 5 Mon 11, 10 Mon 18, 15 Mon 25 Jan
    const again = applied(
      h.apply(
        'strategyDiscussionHeld',
        { heldAt: '2027-01-04T10:00:00Z', agencies: ['council', 'police', 'health'], section47Enquiry: true },
        actors.socialWorker,
        '2027-01-04T11:00:00Z',
      ),
    );
    // Assess: one clock, counted again; the old timers gone
    expect(h.record!.clocks['initial-conference']!.dueAt).toBe('2027-01-25T23:59:59.999Z');
    expect(alertsOf(h, 'initial-conference')).toEqual({
      'initial-conference-reminder': '2027-01-18T23:59:59.999Z',
      'initial-conference-due-today': '2027-01-25T09:00:00.000Z',
      'initial-conference-due': '2027-01-25T23:59:59.999Z',
    });
    expect(again.response.message).toBe(
      'Strategy discussion recorded; the initial child protection conference is due by Mon 25 Jan 2027 at 23:59 ' +
        '(counted again from this discussion)',
    );
    expect(h.record!.details.enquiry!.startedAt).toBe('2026-12-22T14:00:00.000Z');
  });

  it('counted in working days from the last strategy discussion and, apart, from the one that started the enquiry', () => {
    const h = enquiryFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z');
    applied(
      h.apply(
        'strategyDiscussionHeld',
        { heldAt: '2027-01-04T10:00:00Z', agencies: ['council', 'police', 'health'], section47Enquiry: true },
        actors.socialWorker,
        '2027-01-04T11:00:00Z',
      ),
    );
    applied(
      h.apply(
        'section47Completed',
        { completedOn: '2027-01-20', outcome: 'conferenceNeeded' },
        actors.socialWorker,
        '2027-01-20T12:00:00Z',
      ),
    );
    applied(
      h.apply(
        'initialConferenceHeld',
        {
          heldOn: '2027-01-21',
          chair: { name: 'Jordan Ellis', email: 'jordan.ellis@riverside.example.gov.uk' },
          childProtectionPlan: true,
          leadPractitioner: { name: 'Sam Okafor', email: 'sam.okafor@riverside.example.gov.uk', socialWorker: true },
          previousPlans: 0,
        },
        actors.socialWorker,
        '2027-01-21T15:00:00Z',
      ),
    );
    // Thu 21 Jan: 13 working days after Mon 4 Jan; 19 after Tue 22 Dec (past 15 by that count, within it by the last)
    expect(h.record!.details.initialConference).toEqual({
      heldOn: '2027-01-21',
      plan: true,
      withinFifteenWorkingDays: true,
      workingDaysFromLastStrategyDiscussion: 13,
      workingDaysFromEnquiryStart: 19,
    });
    expect(h.record!.clocks['initial-conference']!.status).toBe('met');
  });
});

describe('the first core group: 10 working days from the initial conference', () => {
  it.each([
    [
      '2026-12-18',
      'Fri 18 Dec 2026: 1-4 Mon 21 to Thu 24 Dec, 5 Tue 29 Dec (reminder), 7 Thu 31 Dec, 10 Wed 6 Jan',
      '2026-12-29T23:59:59.999Z',
      '2027-01-06T09:00:00.000Z',
      '2027-01-06T23:59:59.999Z',
    ],
    [
      '2027-01-14',
      'Thu 14 Jan 2027: 5 Thu 21 Jan, 10 Thu 28 Jan',
      '2027-01-21T23:59:59.999Z',
      '2027-01-28T09:00:00.000Z',
      '2027-01-28T23:59:59.999Z',
    ],
    [
      '2027-03-24',
      'Wed 24 Mar 2027, across Easter into BST: 1 Thu 25 Mar, 2-5 Tue 30 Mar to Fri 2 Apr, 10 Fri 9 Apr',
      '2027-04-02T22:59:59.999Z',
      '2027-04-09T08:00:00.000Z',
      '2027-04-09T22:59:59.999Z',
    ],
  ])('%s (%s)', (heldOn, _why, reminder, dueToday, due) => {
    // Prepare / Act: discussed the day before the conference, which agrees a plan
    const dayBefore = new Date(Date.parse(`${heldOn}T10:00:00Z`) - 86_400_000).toISOString();
    const h = planFrom(new Date(Date.parse(dayBefore) - 3600_000).toISOString(), dayBefore, heldOn);
    // Assess
    expect(alertsOf(h, 'first-core-group')).toEqual({
      'core-group-reminder': reminder,
      'core-group-due-today': dueToday,
      'core-group-due': due,
    });
  });
});

describe('review conferences: 3 calendar months from the initial conference, then 6 from the previous', () => {
  it('held on time from Thu 14 Jan 2027: due 14 Apr 2027 (BST), then 14 Oct 2027 (BST), then 14 Apr 2028 (BST)', () => {
    // Prepare
    const h = planFrom('2027-01-04T09:00:00Z', '2027-01-04T10:00:00Z', '2027-01-14');
    // Assess: the first review, its reminder 28 days before at 09:00 (Wed 17 Mar, GMT), on the day at 09:00 BST
    expect(h.record!.details.reviews).toEqual([{ clockId: 'review-conference-1', dueOn: '2027-04-14' }]);
    expect(alertsOf(h, 'review-conference-1')).toEqual({
      'review-reminder': '2027-03-17T09:00:00.000Z',
      'review-due-today': '2027-04-14T08:00:00.000Z',
      'review-due': '2027-04-14T22:59:59.999Z',
    });
    // Act: the core group meets, then the review is held on its day and the plan continues
    applied(h.apply('coreGroupMeetingHeld', { heldOn: '2027-01-26' }, actors.socialWorker, '2027-01-26T16:00:00Z'));
    const first = applied(
      h.apply(
        'reviewConferenceHeld',
        { heldOn: '2027-04-14', planContinues: true },
        actors.socialWorker,
        '2027-04-14T15:00:00Z',
      ),
    );
    // Assess: 6 months on, in BST
    expect(first.response.message).toBe(
      'Review conference recorded; the plan continues and the next review conference is due by Thu 14 Oct 2027 at 23:59',
    );
    expect(alertsOf(h, 'review-conference-2')).toEqual({
      'review-reminder': '2027-09-16T08:00:00.000Z',
      'review-due-today': '2027-10-14T08:00:00.000Z',
      'review-due': '2027-10-14T22:59:59.999Z',
    });
    // Act: the second on its day, Thu 14 Oct 2027 (BST); the third is counted from it, 6 months on, BST again
    applied(
      h.apply(
        'reviewConferenceHeld',
        { heldOn: '2027-10-14', planContinues: true },
        actors.socialWorker,
        '2027-10-14T15:00:00Z',
      ),
    );
    expect(h.record!.clocks['review-conference-2']!.status).toBe('met');
    expect(alertsOf(h, 'review-conference-3')).toEqual({
      'review-reminder': '2028-03-17T09:00:00.000Z',
      'review-due-today': '2028-04-14T08:00:00.000Z',
      'review-due': '2028-04-14T22:59:59.999Z',
    });
  });

  it('month ends: a review on Tue 31 Aug 2027 makes the next due on 29 Feb 2028 (a leap year); a conference on 30 Nov 2028 the first on 28 Feb 2029', () => {
    // Prepare: the initial conference on Wed 2 Jun 2027 (first review due 2 Sep 2027)
    const h = planFrom('2027-05-24T09:00:00Z', '2027-05-24T10:00:00Z', '2027-06-02');
    expect(h.record!.details.reviews[0]!.dueOn).toBe('2027-09-02');
    // Act: held early, on Tue 31 Aug
    applied(
      h.apply(
        'reviewConferenceHeld',
        { heldOn: '2027-08-31', planContinues: true },
        actors.socialWorker,
        '2027-08-31T15:00:00Z',
      ),
    );
    // Assess
    expect(h.record!.details.reviews[1]).toEqual({ clockId: 'review-conference-2', dueOn: '2028-02-29' });
    expect(h.record!.clocks['review-conference-2']!.dueAt).toBe('2028-02-29T23:59:59.999Z');
    // And from 30 Nov 2028: February 2029 has no 30th, so its last day
    const later = planFrom('2028-11-20T09:00:00Z', '2028-11-20T10:00:00Z', '2028-11-30');
    expect(later.record!.clocks['review-conference-1']!.dueAt).toBe('2029-02-28T23:59:59.999Z');
  });
});

describe('no configuration lengthens these statutory clocks', () => {
  const withClocks = (clocks: Record<string, unknown>) =>
    structuredClone({
      ...testPartnership,
      processes: { ...testPartnership.processes, 'child-protection': { clocks } },
    }) as typeof testPartnership;

  function refusals(act: () => unknown): string[] {
    try {
      act();
    } catch (error) {
      if (error instanceof PartnershipConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it.each([
    [
      { 'initial-conference': { length: 20 } },
      'statutory (15); configuration may shorten it but not lengthen it to 20',
    ],
    [{ 'first-core-group': { length: 11 } }, 'statutory (10); configuration may shorten it but not lengthen it to 11'],
    [{ 'review-conference': { length: 6 } }, 'has a due date set by the process, not a length'],
    [
      { 'initial-conference': { checkpoints: { 'initial-conference-due': { at: { after: 20 } } } } },
      'the due checkpoint of Initial child protection conference is at its due instant',
    ],
  ])('refuses %j at start, naming why', (clocks, why) => {
    expect(refusals(() => checkAgainst(processCatalogue, withClocks(clocks))).join('\n')).toContain(why);
  });

  it('a partnership may shorten the initial conference to 12 working days: from Tue 22 Dec 2026, due Tue 12 Jan', () => {
    const partnership = withClocks({ 'initial-conference': { length: 12 } });
    expect(checkAgainst(processCatalogue, partnership)).toBe(partnership);
    const h = new ProcessHarness<CpDetails>(childProtection, partnership);
    applied(h.apply('referralReceived', exampleReferral(), actors.frontDoor, '2026-12-21T10:00:00Z'));
    applied(
      h.apply(
        'strategyDiscussionHeld',
        exampleStrategyDiscussion('2026-12-22T14:00:00Z'),
        actors.socialWorker,
        '2026-12-22T15:00:00Z',
      ),
    );
    expect(h.record!.clocks['initial-conference']!.dueAt).toBe('2027-01-12T23:59:59.999Z');
  });
});
