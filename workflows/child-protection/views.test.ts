/**
 * Child protection's figures: what each counts (by the month its own event happened, by council), repeat
 * plans across a child's episodes, plans of 2 years or more by calendar months, and every count through
 * the one suppression step (1 to 4 shown as "fewer than 5").
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { figuresAnswer } from '#core/figures/answer';
import { definitionOf } from '#core/process/catalogue';
import type { CaseRecord } from '#core/process/model';
import { actors, applied, planFrom } from '#test/support/child-protection';
import type { CpDetails } from './contract';
import * as cpParts from './index';
import { lastedTwoYears } from './plans';
import { figureCounts } from './views';

const childProtection = definitionOf(cpParts);

type Record_ = CaseRecord<CpDetails>;

/** A plan from an initial conference on `heldOn` (discussed 8 working days before at most), ended on `endedOn` if given. */
function planCase(ref: string, heldOn: string, options: { discussedOn?: string; endedOn?: string } = {}): Record_ {
  const discussedOn = options.discussedOn ?? `${heldOn.slice(0, 8)}04`;
  const h = planFrom(`${discussedOn}T09:00:00Z`, `${discussedOn}T10:00:00Z`, heldOn);
  if (options.endedOn)
    applied(
      h.apply(
        'planEnded',
        { endedOn: options.endedOn, outcome: 'childInNeedSupport' },
        actors.socialWorker,
        `${options.endedOn}T12:00:00Z`,
      ),
    );
  return { ...h.record!, caseId: `cp-${ref}`, caseCode: `CP-${ref.toUpperCase()}` };
}

describe('the figures before suppression', () => {
  it('counts conferences within 15 working days, plans started and ended by month and council', () => {
    // Prepare: five conferences on time in January 2027, one late (discussed Mon 4 Jan, held Tue 26 Jan: day 16)
    const records = [
      ...['a', 'b', 'c', 'd', 'e'].map((ref) => planCase(ref, '2027-01-14')),
      planCase('f', '2027-01-26'),
    ];
    // Act
    const { rows } = figureCounts(records, new Date('2027-02-01T12:00:00Z'));
    // Assess
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      month: '2027-01',
      council: 'riverside-council',
      referrals: 6,
      enquiriesStarted: 6,
      initialConferences: 6,
      initialConferencesWithinFifteenWorkingDays: 5,
      plansStarted: 6,
      repeatPlans: 0,
      firstCoreGroups: 0,
      reviewConferences: 0,
      plansEnded: 0,
    });
  });

  it('a repeat plan is a child’s second or later, with any council, as the conference records it', () => {
    // Prepare: a first plan that ended in April, and in June two plans: one a child’s third, one a first
    const first = planCase('first', '2027-01-14', { endedOn: '2027-04-13' });
    const third = planCase('third', '2027-06-14');
    third.details.plan!.previousPlans = 2;
    const another = planCase('another', '2027-06-14');
    // Act
    const { rows } = figureCounts([first, third, another], new Date('2027-07-01T12:00:00Z'));
    // Assess
    const june = rows.find((r) => r.month === '2027-06')!;
    expect([june.plansStarted, june.repeatPlans]).toEqual([2, 1]);
    const april = rows.find((r) => r.month === '2027-04')!;
    expect([april.plansEnded, april.plansEndedBy.childInNeedSupport, april.plansEndedAfterTwoYearsOrMore]).toEqual([
      1, 1, 0,
    ]);
  });

  it('2 years is counted in calendar months: a plan from 14 Jan 2027 has lasted 2 years on 14 Jan 2029, not on the 13th', () => {
    expect(lastedTwoYears('2027-01-14', '2029-01-13')).toBe(false);
    expect(lastedTwoYears('2027-01-14', '2029-01-14')).toBe(true);
    // Ended on the day, and one still open then: both counted (the one ended in its month, the open one as of now)
    const ended = planCase('long', '2027-01-14', { endedOn: '2029-01-14' });
    const open = planCase('open', '2027-01-14');
    const shorter = planCase('short', '2027-01-14', { endedOn: '2029-01-13' });
    const { rows, openPlansTwoYearsOrMore } = figureCounts([ended, open, shorter], new Date('2029-01-14T12:00:00Z'));
    const january = rows.find((r) => r.month === '2029-01')!;
    expect([january.plansEnded, january.plansEndedAfterTwoYearsOrMore]).toEqual([2, 1]);
    expect(openPlansTwoYearsOrMore).toEqual({ 'riverside-council': 1 });
  });

  it('first core groups within 10 working days and review conferences on time, in the month each was held', () => {
    const onTime = planCase('g', '2027-01-14');
    const late = planCase('h', '2027-01-14');
    const { rows } = figureCounts(
      [
        {
          ...onTime,
          details: {
            ...onTime.details,
            coreGroups: [{ heldOn: '2027-01-26', withinTenWorkingDays: true }, { heldOn: '2027-02-20' }],
            reviews: [{ clockId: 'review-conference-1', dueOn: '2027-04-14', heldOn: '2027-04-14', onTime: true }],
          },
        },
        {
          ...late,
          details: {
            ...late.details,
            coreGroups: [{ heldOn: '2027-02-01', withinTenWorkingDays: false }],
            reviews: [{ clockId: 'review-conference-1', dueOn: '2027-04-14', heldOn: '2027-04-20', onTime: false }],
          },
        },
      ],
      new Date('2027-05-01T12:00:00Z'),
    );
    const byMonth = Object.fromEntries(rows.map((r) => [r.month, r]));
    expect([byMonth['2027-01']!.firstCoreGroups, byMonth['2027-01']!.firstCoreGroupsWithinTenWorkingDays]).toEqual([
      1, 1,
    ]);
    expect([byMonth['2027-02']!.firstCoreGroups, byMonth['2027-02']!.firstCoreGroupsWithinTenWorkingDays]).toEqual([
      1, 0,
    ]);
    expect([byMonth['2027-04']!.reviewConferences, byMonth['2027-04']!.reviewConferencesOnTime]).toEqual([2, 1]);
  });
});

describe('the figures as a reader receives them: one suppression step', () => {
  it('1 to 4 is "fewer than 5"; a count that would reveal one by subtraction is withheld; 0 and the rest are shown', () => {
    // Prepare: six conferences in January 2027, five on time, one late
    const records = [
      ...['a', 'b', 'c', 'd', 'e'].map((ref) => planCase(ref, '2027-01-14')),
      planCase('f', '2027-01-26'),
    ];
    // Act
    const answer = figuresAnswer(childProtection, records, childProtection.clocks, new Date('2027-02-01T12:00:00Z'), {
      workingDays: createWorkingDayCalendar(),
    });
    // Assess
    const row = (answer as unknown as { byMonthAndCouncil: { rows: Record<string, unknown>[] } }).byMonthAndCouncil
      .rows[0]!;
    expect(row).toMatchObject({
      month: '2027-01',
      council: 'riverside-council',
      referrals: 6,
      initialConferences: 6,
      // six held, one of them late: five on time would give the one away, so it is withheld, and its share
      initialConferencesWithinFifteenWorkingDays: 'withheld',
      shareInitialConferencesWithinFifteenWorkingDays: 'withheld',
      plansStarted: 6,
      repeatPlans: 0,
      plansEnded: 0,
    });
    // No count of 1 to 4 anywhere in the answer
    expect(JSON.stringify(answer)).not.toMatch(/"(\w+)":[1-4][,}]/);
    const clocks = answer.timeliness as unknown as { clocks: { rows: { clockId: string; breached: unknown }[] } };
    expect(clocks.clocks.rows.find((c) => c.clockId === 'initial-conference')!.breached).toBe('fewer than 5');
  });
});
