/**
 * Children in care's deadlines, computed by hand (regulations 28 and 33 of the Care Planning, Placement
 * and Case Review (England) Regulations 2010). Working days in England: 25 and 28 Dec 2026, 1 Jan 2027,
 * Good Friday 26 Mar and Easter Monday 29 Mar 2027 are bank holidays; the council's closure days (29 to 31
 * Dec 2026, in the test partnership) are not skipped. "One week" and "6 weeks" are 7 and 42 calendar days
 * (bank holidays do not move them); months are calendar months. London is GMT (UTC) until 28 Mar 2027 and
 * from 31 Oct 2027, BST (UTC+1) between, and from 26 Mar 2028. Rules level, in memory.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { PartnershipConfigError } from '#core/partnership/config';
import { checkPartnership as checkAgainst, definitionOf } from '#core/process/catalogue';
import { ProcessHarness, testPartnership } from '#test/support/process-harness';
import { processCatalogue } from '../catalogue';
import { exampleEntryIntoCare } from '../initial-health-assessment/example';
import * as ihaParts from '../initial-health-assessment/index';
import type { CicDetails } from './contract';
import { exampleLookedAfter, reviewingOfficer } from './example';
import * as cicParts from './index';

const initialHealthAssessment = definitionOf(ihaParts);
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

function applied<D extends { outcome: string; response: unknown }>(d: D): D {
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return d;
}

function lookedAfter(enteredCareAt: string, overrides: Record<string, unknown> = {}, partnership = testPartnership) {
  const h = new ProcessHarness<CicDetails>(childrenInCare, partnership);
  applied(h.apply('childLookedAfter', exampleLookedAfter({ enteredCareAt, ...overrides }), frontDoor, enteredCareAt));
  return h;
}

const alertsOf = (h: ProcessHarness<CicDetails>, clockId: string) =>
  Object.fromEntries(h.timers.filter((t) => t.clockId === clockId).map((t) => [t.checkpointId, t.dueAt]));

describe('the first review: 20 working days from becoming looked after (regulation 33(1)(a))', () => {
  it.each([
    [
      '2026-12-14T10:00:00Z',
      'Mon 14 Dec 2026: 15 Thu 7 Jan (29 to 31 Dec count, 25 and 28 Dec and 1 Jan do not), 20 Thu 14 Jan',
      '2027-01-07T23:59:59.999Z',
      '2027-01-14T09:00:00.000Z',
      '2027-01-14T23:59:59.999Z',
    ],
    [
      '2026-12-22T10:00:00Z',
      'Tue 22 Dec 2026: 1 Wed 23, 2 Thu 24, 3 Tue 29 Dec ... 15 Fri 15 Jan, 20 Fri 22 Jan',
      '2027-01-15T23:59:59.999Z',
      '2027-01-22T09:00:00.000Z',
      '2027-01-22T23:59:59.999Z',
    ],
    [
      '2027-03-18T10:00:00Z',
      'Thu 18 Mar 2027, across Easter into BST: 15 Mon 12 Apr, 20 Mon 19 Apr',
      '2027-04-12T22:59:59.999Z',
      '2027-04-19T08:00:00.000Z',
      '2027-04-19T22:59:59.999Z',
    ],
    [
      '2027-10-25T09:00:00Z',
      'Mon 25 Oct 2027 (BST), the clocks go back on Sun 31 Oct: 15 Mon 15 Nov, 20 Mon 22 Nov (GMT)',
      '2027-11-15T23:59:59.999Z',
      '2027-11-22T09:00:00.000Z',
      '2027-11-22T23:59:59.999Z',
    ],
  ])('%s (%s)', (enteredCareAt, _why, reminder, dueToday, due) => {
    const h = lookedAfter(enteredCareAt);
    expect(alertsOf(h, 'first-review')).toEqual({
      'first-review-reminder': reminder,
      'first-review-due-today': dueToday,
      'first-review-due': due,
    });
  });
});

describe('later reviews: 3 months after the first, then 6 after the previous, chaired by the independent reviewing officer', () => {
  it('first held Thu 14 Jan 2027: the second by 14 Apr 2027 (BST), the third by 14 Oct 2027', () => {
    const h = lookedAfter('2026-12-14T10:00:00Z');
    const first = applied(
      h.apply(
        'reviewHeld',
        { heldOn: '2027-01-14', independentReviewingOfficer: reviewingOfficer },
        socialWorker,
        '2027-01-14T15:00:00Z',
      ),
    );
    expect(first.response.message).toBe('Review recorded; the next review is due by Wed 14 Apr 2027 at 23:59');
    expect(h.record!.clocks['first-review']!.status).toBe('met');
    expect(alertsOf(h, 'review-2')).toEqual({
      'review-reminder': '2027-03-17T09:00:00.000Z',
      'review-due-today': '2027-04-14T08:00:00.000Z',
      'review-due': '2027-04-14T22:59:59.999Z',
    });
    applied(
      h.apply(
        'reviewHeld',
        { heldOn: '2027-04-13', independentReviewingOfficer: reviewingOfficer },
        socialWorker,
        '2027-04-13T15:00:00Z',
      ),
    );
    expect(h.record!.clocks['review-3']!.dueAt).toBe('2027-10-13T22:59:59.999Z');
    expect(h.record!.details.reviews.map((r) => [r.clockId, r.dueOn, r.heldOn, r.onTime])).toEqual([
      ['first-review', '2027-01-14', '2027-01-14', true],
      ['review-2', '2027-04-14', '2027-04-13', true],
      ['review-3', '2027-10-13', undefined, undefined],
    ]);
  });

  it('month ends: a review on Tue 31 Aug 2027 makes the next due on 29 Feb 2028; a first review on Thu 30 Nov 2028 the second on 28 Feb 2029', () => {
    const h = lookedAfter('2027-08-02T10:00:00Z');
    applied(
      h.apply(
        'reviewHeld',
        { heldOn: '2027-08-20', independentReviewingOfficer: reviewingOfficer },
        socialWorker,
        '2027-08-20T15:00:00Z',
      ),
    );
    applied(
      h.apply(
        'reviewHeld',
        { heldOn: '2027-08-31', independentReviewingOfficer: reviewingOfficer },
        socialWorker,
        '2027-08-31T15:00:00Z',
      ),
    );
    expect(h.record!.clocks['review-3']!.dueAt).toBe('2028-02-29T23:59:59.999Z');
    const later = lookedAfter('2028-11-06T10:00:00Z');
    applied(
      later.apply(
        'reviewHeld',
        { heldOn: '2028-11-30', independentReviewingOfficer: reviewingOfficer },
        socialWorker,
        '2028-11-30T15:00:00Z',
      ),
    );
    expect(later.record!.clocks['review-2']!.dueAt).toBe('2029-02-28T23:59:59.999Z');
  });
});

describe('visits: within a week of each placement, then 6 weeks, then 3 months after the first year of a placement meant to last until 18 (regulation 28(2))', () => {
  it.each([
    [
      '2026-12-22T10:00:00Z',
      'placed Tue 22 Dec 2026: by the end of Tue 29 Dec (Christmas does not move a week)',
      '2026-12-27T23:59:59.999Z',
      '2026-12-29T09:00:00.000Z',
      '2026-12-29T23:59:59.999Z',
    ],
    [
      '2027-03-27T20:00:00Z',
      'placed on Sat 27 Mar 2027 (GMT), the clocks go forward that night: by the end of Sat 3 Apr (BST)',
      '2027-04-01T22:59:59.999Z',
      '2027-04-03T08:00:00.000Z',
      '2027-04-03T22:59:59.999Z',
    ],
  ])('the first: %s (%s)', (enteredCareAt, _why, reminder, dueToday, due) => {
    const h = lookedAfter(enteredCareAt);
    expect(alertsOf(h, 'first-visit-1')).toEqual({
      'first-visit-reminder': reminder,
      'first-visit-due-today': dueToday,
      'first-visit-due': due,
    });
  });

  it.each([
    [
      '2027-03-20',
      'Sat 20 Mar 2027 (GMT): by the end of Sat 1 May (BST)',
      '2027-04-24T22:59:59.999Z',
      '2027-05-01T22:59:59.999Z',
    ],
    [
      '2027-10-18',
      'Mon 18 Oct 2027 (BST): by the end of Mon 29 Nov (GMT)',
      '2027-11-22T23:59:59.999Z',
      '2027-11-29T23:59:59.999Z',
    ],
  ])('then 6 weeks: a visit on %s (%s)', (visitedOn, _why, reminder, due) => {
    const h = lookedAfter(`${visitedOn}T08:00:00Z`);
    const visit = applied(h.apply('visitMade', { visitedOn, seenAlone: true }, socialWorker, `${visitedOn}T16:00:00Z`));
    expect(h.record!.clocks['first-visit-1']!.status).toBe('met');
    expect(alertsOf(h, 'visit-2')).toMatchObject({ 'visit-reminder': reminder, 'visit-due': due });
    expect(visit.response.message).toMatch(/^Visit recorded; the next visit is due by /);
  });

  it('after the first year of a placement meant to last until 18 (placed Mon 4 Jan 2027): a visit on Mon 3 Jan 2028 is followed within 6 weeks, one on Tue 4 Jan 2028 within 3 months (Tue 4 Apr, BST)', () => {
    const inYear = lookedAfter('2027-01-04T10:00:00Z', { placementUntilEighteen: true });
    applied(inYear.apply('visitMade', { visitedOn: '2028-01-03' }, socialWorker, '2028-01-03T16:00:00Z'));
    expect(inYear.record!.clocks['visit-2']!.dueAt).toBe('2028-02-14T23:59:59.999Z');
    const after = lookedAfter('2027-01-04T10:00:00Z', { placementUntilEighteen: true });
    applied(after.apply('visitMade', { visitedOn: '2028-01-04' }, socialWorker, '2028-01-04T16:00:00Z'));
    expect(alertsOf(after, 'visit-long-term-2')).toEqual({
      'visit-reminder': '2028-03-21T09:00:00.000Z',
      'visit-due-today': '2028-04-04T08:00:00.000Z',
      'visit-due': '2028-04-04T22:59:59.999Z',
    });
    // Not meant to last until 18: 6 weeks whatever the year
    const shortTerm = lookedAfter('2027-01-04T10:00:00Z');
    applied(shortTerm.apply('visitMade', { visitedOn: '2028-01-04' }, socialWorker, '2028-01-04T16:00:00Z'));
    expect(shortTerm.record!.clocks['visit-2']!.dueAt).toBe('2028-02-15T23:59:59.999Z');
  });

  it('a placement move restarts the visits: the visit due from the last placement no longer applies, and one is due within a week of the move', () => {
    const h = lookedAfter('2026-12-14T10:00:00Z');
    applied(h.apply('visitMade', { visitedOn: '2026-12-15' }, socialWorker, '2026-12-15T16:00:00Z'));
    expect(h.record!.clocks['visit-2']!.dueAt).toBe('2027-01-26T23:59:59.999Z');
    const moved = applied(
      h.apply('placementMoved', { movedOn: '2026-12-23', untilEighteen: false }, socialWorker, '2026-12-23T17:00:00Z'),
    );
    expect(moved.response.message).toBe('Placement move recorded; the first visit is due by Wed 30 Dec 2026 at 23:59');
    expect(h.record!.clocks['visit-2']!.status).toBe('notApplicable');
    expect(h.record!.clocks['first-visit-3']!.dueAt).toBe('2026-12-30T23:59:59.999Z');
    expect(h.timers.filter((t) => t.clockId === 'visit-2')).toEqual([]);
  });
});

describe('no configuration lengthens these statutory clocks; a partnership may shorten them', () => {
  const withProcess = (override: Record<string, unknown>) =>
    structuredClone({
      ...testPartnership,
      processes: { ...testPartnership.processes, 'children-in-care': override },
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
      { clocks: { 'first-review': { length: 21 } } },
      'statutory (20); configuration may shorten it but not lengthen it to 21',
    ],
    [
      { clocks: { 'first-visit': { length: 8 } } },
      'statutory (7); configuration may shorten it but not lengthen it to 8',
    ],
    [{ clocks: { visit: { length: 49 } } }, 'statutory (42); configuration may shorten it but not lengthen it to 49'],
    [{ clocks: { review: { length: 7 } } }, 'has a due date set by the process, not a length'],
    [
      { settings: { longTermVisitMonths: 4 } },
      'processes.children-in-care.settings.longTermVisitMonths: expected 1 to 3 months',
    ],
  ])('refuses %j at start, naming why', (override, why) => {
    expect(refusals(() => checkAgainst(processCatalogue, withProcess(override))).join('\n')).toContain(why);
  });

  it('shortened: visits every 4 weeks (28 days), and every 2 months after the first year of a long-term placement', () => {
    const partnership = withProcess({ clocks: { visit: { length: 28 } }, settings: { longTermVisitMonths: 2 } });
    expect(checkAgainst(processCatalogue, partnership)).toBe(partnership);
    const h = lookedAfter('2027-01-04T10:00:00Z', { placementUntilEighteen: true }, partnership);
    applied(h.apply('visitMade', { visitedOn: '2027-01-05' }, socialWorker, '2027-01-05T16:00:00Z'));
    expect(h.record!.clocks['visit-2']!.dueAt).toBe('2027-02-02T23:59:59.999Z');
    applied(h.apply('visitMade', { visitedOn: '2028-01-04' }, socialWorker, '2028-01-04T16:00:00Z'));
    expect(h.record!.clocks['visit-long-term-3']!.dueAt).toBe('2028-03-04T23:59:59.999Z');
  });
});

describe('leaving care and the 18th birthday end the clocks', () => {
  it('a child leaving care: every clock stops, no timer is left', () => {
    const h = lookedAfter('2026-12-14T10:00:00Z');
    applied(
      h.apply(
        'childLeftCare',
        { leftOn: '2027-01-05', reason: 'returnedToFamily' },
        socialWorker,
        '2027-01-05T12:00:00Z',
      ),
    );
    expect(h.record!.closureReason).toBe('left care (returned to family)');
    expect(Object.values(h.record!.clocks).map((c) => c.status)).toEqual(['notApplicable', 'notApplicable']);
    expect(h.timers).toEqual([]);
  });

  it('turning 18: the case closes at the start of the birthday', () => {
    const h = lookedAfter('2026-12-14T10:00:00Z', { child: { name: 'Test Child', dateOfBirth: '2009-01-10' } });
    h.runUntil('2027-01-10T00:00:00.000Z');
    expect(h.record!.status).toBe('closed');
    expect(h.record!.details.leftCare).toEqual({ on: '2027-01-10', reason: 'turned18' });
  });

  it('the case names the child’s initial health assessment case for the same council reference', () => {
    // Prepare: the same entry into care, recorded for the initial health assessment too
    const iha = new ProcessHarness(initialHealthAssessment);
    applied(
      iha.apply(
        'childEnteredCare',
        exampleEntryIntoCare({ caseReference: 'rcc-1001 ' }),
        frontDoor,
        '2026-12-14T10:00:00Z',
      ),
    );
    // Act
    const h = lookedAfter('2026-12-14T10:00:00Z');
    // Assess: the same case code, found from the child key alone (the reference as the council writes it)
    expect(h.record!.details.initialHealthAssessmentCaseCode).toBe(iha.record!.caseCode);
    expect(h.record!.details.initialHealthAssessmentCaseCode).toMatch(/^IHA-/);
  });
});
