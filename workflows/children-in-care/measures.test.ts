/**
 * Children in care's board measures, worked by hand from cases run through the rules: first reviews within
 * 20 working days and later reviews on time in the month each fell due, every visit clock (the first week
 * of a placement, 6 weeks, 3 months) in the month it fell due, a visit no longer needed after a move not
 * counted, placement moves; by council.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { countMeasures } from '#core/measures/measure';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import type { CicDetails } from './contract';
import { exampleLookedAfter, reviewingOfficer } from './example';
import * as cicParts from './index';
import { childrenInCareMeasures as measures } from './measures';

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

function apply(h: ProcessHarness<CicDetails>, type: string, payload: unknown, actor: Actor, at: string) {
  const d = h.apply(type, payload, actor, at);
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
}

describe('children in care measures', () => {
  // Entered care Mon 4 Jan 2027: first review due Mon 1 Feb (held then: within), the first visit due Mon 11 Jan
  // (made Fri 8 Jan: on time), the next due Fri 19 Feb; the placement moved on Mon 15 Feb (that visit no longer
  // applies), the visit after it due Mon 22 Feb, made Tue 23 Feb (late); the second review due Sat 1 May.
  const h = new ProcessHarness<CicDetails>(childrenInCare);
  apply(
    h,
    'childLookedAfter',
    exampleLookedAfter({ enteredCareAt: '2027-01-04T10:00:00Z' }),
    frontDoor,
    '2027-01-04T10:00:00Z',
  );
  apply(h, 'visitMade', { visitedOn: '2027-01-08' }, socialWorker, '2027-01-08T16:00:00Z');
  apply(
    h,
    'reviewHeld',
    { heldOn: '2027-02-01', independentReviewingOfficer: reviewingOfficer },
    socialWorker,
    '2027-02-01T16:00:00Z',
  );
  apply(h, 'placementMoved', { movedOn: '2027-02-15', untilEighteen: false }, socialWorker, '2027-02-15T16:00:00Z');
  h.runUntil('2027-02-23T09:00:00Z');
  apply(h, 'visitMade', { visitedOn: '2027-02-23' }, socialWorker, '2027-02-23T16:00:00Z');
  const counts = countMeasures(measures, [h.record!], [2027], { now: new Date('2027-03-01T12:00:00Z') });
  const of = (id: string) => counts.find((c) => c.id === id)!.years![0]!;

  it('first reviews within 20 working days, in the month each fell due', () => {
    expect(of('first-reviews-within-20-working-days').months.slice(0, 2)).toEqual([
      { count: 0, within: 0 },
      { count: 1, within: 1 },
    ]);
    expect(of('later-reviews-on-time').total).toEqual({ count: 0, within: 0 }); // the second is not due yet
  });

  it('visits on time, in the month each fell due; the visit a move made unnecessary is not counted', () => {
    expect(of('visits-on-time').months.slice(0, 2)).toEqual([
      { count: 1, within: 1 },
      { count: 1, within: 0 },
    ]);
    expect(of('visits-due').groups.council).toEqual({ 'riverside-council': 2 });
  });

  it('children who became looked after and placement moves, in the month each happened', () => {
    expect(of('became-looked-after').months[0]).toEqual({ count: 1 });
    expect(of('placement-moves').months[1]).toEqual({ count: 1 });
  });
});
