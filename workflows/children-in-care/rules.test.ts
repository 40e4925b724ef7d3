/**
 * Children in care's rules and figures, in memory: who is told before, on the day of and at each
 * deadline (the head of service at a breach), the independent reviewing officer in place of the council's
 * mailbox once named, words without blame, and the board's figures through one suppression step.
 */
import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '#core/calendar/index';
import { figuresAnswer } from '#core/figures/answer';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import type { CicDetails } from './contract';
import { exampleLookedAfter, reviewingOfficer } from './example';
import * as cicParts from './index';
import { checkpointMessages } from './messages';
import { figureCounts } from './views';

const childrenInCare = definitionOf(cicParts);

const frontDoor: Actor = {
  kind: 'person',
  userId: 'u-alex-frontdoor',
  name: 'Alex Morgan',
  role: 'front-door',
  organisation: 'riverside-council',
};
const socialWorker: Actor = {
  ...frontDoor,
  userId: 'u-sam-socialworker',
  name: 'Sam Okafor',
  role: 'lead-practitioner',
};
const SAM = 'sam.okafor@riverside.example.gov.uk';
const RUTH = 'ruth.green@riverside.example.gov.uk';
const IROS = 'independent.reviewing.officers@riverside.example.gov.uk';
const HEAD = 'head.of.service.children@riverside.example.gov.uk';

function lookedAfter(enteredCareAt: string, ref = 'RCC-1001') {
  const h = new ProcessHarness<CicDetails>(childrenInCare);
  const d = h.apply(
    'childLookedAfter',
    exampleLookedAfter({ caseReference: ref, enteredCareAt }),
    frontDoor,
    enteredCareAt,
  );
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return h;
}

describe('who is told', () => {
  it('nothing recorded after entering care on Tue 22 Dec 2026: the visit and the first review, each before, on the day and at the deadline', () => {
    const h = lookedAfter('2026-12-22T10:00:00Z');
    h.runUntil('2027-01-23T00:00:00Z');
    const sent = h.outbox.map((m) => [m.dueAt, m.recipientRole, m.address]);
    expect(sent).toEqual([
      ['2026-12-27T23:59:59.999Z', 'socialWorker', SAM],
      ['2026-12-27T23:59:59.999Z', 'manager', RUTH],
      ['2026-12-29T09:00:00.000Z', 'socialWorker', SAM],
      ['2026-12-29T09:00:00.000Z', 'manager', RUTH],
      ['2026-12-29T23:59:59.999Z', 'socialWorker', SAM],
      ['2026-12-29T23:59:59.999Z', 'manager', RUTH],
      ['2026-12-29T23:59:59.999Z', 'headOfService', HEAD],
      ['2027-01-15T23:59:59.999Z', 'socialWorker', SAM],
      ['2027-01-15T23:59:59.999Z', 'manager', RUTH],
      ['2027-01-15T23:59:59.999Z', 'independentReviewingOfficer', IROS],
      ['2027-01-22T09:00:00.000Z', 'socialWorker', SAM],
      ['2027-01-22T09:00:00.000Z', 'manager', RUTH],
      ['2027-01-22T09:00:00.000Z', 'independentReviewingOfficer', IROS],
      ['2027-01-22T23:59:59.999Z', 'socialWorker', SAM],
      ['2027-01-22T23:59:59.999Z', 'manager', RUTH],
      ['2027-01-22T23:59:59.999Z', 'independentReviewingOfficer', IROS],
      ['2027-01-22T23:59:59.999Z', 'headOfService', HEAD],
    ]);
    for (const m of h.outbox) expect(`${m.subject}\n${m.body}`).not.toMatch(/Test Child|2015-06-01|RCC-1001/);
  });

  it('once the child’s independent reviewing officer is named, they are told in place of the council’s mailbox', () => {
    const h = lookedAfter('2026-12-22T10:00:00Z');
    expect(
      h.apply(
        'reviewingOfficerAppointed',
        { independentReviewingOfficer: reviewingOfficer },
        socialWorker,
        '2026-12-23T10:00:00Z',
      ).outcome,
    ).toBe('applied');
    h.runUntil('2027-01-16T00:00:00Z');
    expect(h.outbox.filter((m) => m.recipientRole === 'independentReviewingOfficer').map((m) => m.address)).toEqual([
      reviewingOfficer.email,
    ]);
  });

  it('the front door opens a case; it does not record visits (403), nor does anyone of another council (404)', () => {
    const h = lookedAfter('2026-12-22T10:00:00Z');
    const byFrontDoor = h.apply('visitMade', { visitedOn: '2026-12-23' }, frontDoor, '2026-12-23T12:00:00Z');
    expect(byFrontDoor.outcome === 'rejected' && byFrontDoor.response.rejection?.status).toBe(403);
    const otherCouncil = h.apply(
      'visitMade',
      { visitedOn: '2026-12-23' },
      { ...socialWorker, organisation: 'northvale-council' },
      '2026-12-23T12:00:00Z',
    );
    expect(otherCouncil.outcome === 'rejected' && otherCouncil.response.rejection?.status).toBe(404);
  });
});

describe('words without blame', () => {
  it('every message says what is due and what to do, never who is at fault', () => {
    const blame =
      /did not|didn’t|engage|refus|fail|non-?complian|challenging|behaviour|chaotic|resist|hard to reach|troubled|unwilling|uncooperative/i;
    const words = Object.values(checkpointMessages).flatMap((group) =>
      Object.values(group).flatMap((m) => [m.subject, m.body]),
    );
    expect(words.length).toBe(18);
    expect(words.filter((w) => blame.test(w))).toEqual([]);
  });
});

describe('the figures', () => {
  it('reviews and visits on time, by the month each happened, and through one suppression step', () => {
    // Prepare: six children looked after on Mon 4 Jan 2027; each visited on Fri 8 Jan (on time) but one on Tue 12 Jan (late);
    // each first review on Mon 1 Feb 2027 (20 working days: by Mon 1 Feb), one on Tue 2 Feb (late)
    const records = ['a', 'b', 'c', 'd', 'e', 'f'].map((ref, i) => {
      const h = lookedAfter('2027-01-04T10:00:00Z', `RCC-${ref}`);
      const visitedOn = i === 5 ? '2027-01-12' : '2027-01-08';
      expect(h.apply('visitMade', { visitedOn }, socialWorker, `${visitedOn}T16:00:00Z`).outcome).toBe('applied');
      const heldOn = i === 5 ? '2027-02-02' : '2027-02-01';
      expect(
        h.apply(
          'reviewHeld',
          { heldOn, independentReviewingOfficer: reviewingOfficer },
          socialWorker,
          `${heldOn}T16:00:00Z`,
        ).outcome,
      ).toBe('applied');
      return { ...h.record!, caseId: `cic-${ref}` };
    });
    // Act
    const rows = figureCounts(records);
    const answer = figuresAnswer(childrenInCare, records, childrenInCare.clocks, new Date('2027-02-10T12:00:00Z'), {
      workingDays: createWorkingDayCalendar(),
    });
    // Assess: the counts
    expect(
      rows.map((r) => [
        r.month,
        r.becameLookedAfter,
        r.visits,
        r.visitsOnTime,
        r.firstReviews,
        r.firstReviewsWithinTwentyWorkingDays,
      ]),
    ).toEqual([
      ['2027-01', 6, 6, 5, 0, 0],
      ['2027-02', 0, 0, 0, 6, 5],
    ]);
    // and what a reader sees: 5 of 6 would give the late one away, so it is withheld; no count of 1 to 4 anywhere
    const shown = (answer as unknown as { byMonthAndCouncil: { rows: Record<string, unknown>[] } }).byMonthAndCouncil
      .rows;
    expect(shown[0]).toMatchObject({
      becameLookedAfter: 6,
      visits: 6,
      visitsOnTime: 'withheld',
      shareVisitsOnTime: 'withheld',
    });
    expect(JSON.stringify(answer)).not.toMatch(/"(\w+)":[1-4][,}]/);
  });
});
