/**
 * Before admission's board measures, worked by hand from cases run through the rules: community reviews
 * within timescale in the month each fell due, admissions before a community review, weekly meetings due
 * and held, key workers named within the local target.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { countMeasures } from '#core/measures/measure';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import type { BeforeAdmissionDetails } from './contract';
import { exampleAtRisk, keyWorker } from './example';
import * as parts from './index';
import { beforeAdmissionMeasures as measures } from './measures';

const beforeAdmission = definitionOf(parts);
const priya: Actor = {
  kind: 'person',
  userId: 'u-priya-health',
  name: 'Priya Shah',
  role: 'health',
  organisation: 'riverside-health',
};
const MET = {
  organisationsPresent: ['riverside-health', 'riverside-council'],
  decisions: 'Agreed support at home',
  plan: 'Key worker visits twice a week',
};

function apply(h: ProcessHarness<BeforeAdmissionDetails>, type: string, payload: unknown, at: string) {
  const d = h.apply(type, payload, priya, at);
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
}

describe('before admission measures', () => {
  // A: rated Mon 4 Jan 2027; review due Mon 11 Jan, held Fri 8 Jan (within); key worker named Wed 6 Jan
  // (within, due Mon 11 Jan); first meeting Thu 7 Jan, weekly occurrences Thu 14 Jan (discussed on the 13th),
  // Thu 21 Jan (not discussed), Thu 28 Jan (discussed on the 26th), Thu 4 Feb (not discussed); no longer at
  // risk on Fri 5 Feb.
  const a = new ProcessHarness<BeforeAdmissionDetails>(beforeAdmission);
  apply(a, 'atRiskOfAdmission', exampleAtRisk({ ratedAt: '2027-01-04T10:00:00Z' }), '2027-01-04T10:00:00Z');
  apply(a, 'keyWorkerNamed', { keyWorker }, '2027-01-06T10:00:00Z');
  apply(a, 'meetingHeld', { heldAt: '2027-01-07T10:00:00Z', ...MET }, '2027-01-07T12:00:00Z');
  apply(a, 'communityReviewHeld', { heldOn: '2027-01-08' }, '2027-01-08T16:00:00Z');
  apply(a, 'meetingHeld', { heldAt: '2027-01-13T10:00:00Z', ...MET }, '2027-01-13T12:00:00Z');
  a.runUntil('2027-01-22T00:00:00Z');
  apply(a, 'meetingHeld', { heldAt: '2027-01-26T10:00:00Z', ...MET }, '2027-01-26T12:00:00Z');
  a.runUntil('2027-02-05T00:00:00Z');
  apply(
    a,
    'riskOfAdmissionEnded',
    { at: '2027-02-05T10:00:00Z', outcome: 'stayingInCommunity' },
    '2027-02-05T10:00:00Z',
  );
  // B: rated Mon 18 Jan 2027, nothing recorded; review and key worker due Mon 25 Jan (both missed);
  // admitted on Tue 26 Jan, before a community review.
  const b = new ProcessHarness<BeforeAdmissionDetails>(beforeAdmission);
  apply(
    b,
    'atRiskOfAdmission',
    exampleAtRisk({ caseReference: 'CAMHS-4002', ratedAt: '2027-01-18T10:00:00Z' }),
    '2027-01-18T10:00:00Z',
  );
  b.runUntil('2027-01-26T09:00:00Z');
  apply(b, 'riskOfAdmissionEnded', { at: '2027-01-26T09:00:00Z', outcome: 'admitted' }, '2027-01-26T09:30:00Z');

  const counts = countMeasures(measures, [a.record!, b.record!], [2027], { now: new Date('2027-03-01T12:00:00Z') });
  const of = (id: string) => counts.find((c) => c.id === id)!.years![0]!;

  it('community reviews within timescale in the month each fell due; admissions before one', () => {
    expect(of('community-reviews-within-timescale').months[0]).toEqual({ count: 2, within: 1 });
    expect(of('admitted-without-community-review').months[0]).toEqual({ count: 1 });
    expect(of('rated-at-risk').months[0]).toEqual({ count: 2 });
  });

  it('weekly meetings due and held, in the month each week ended', () => {
    expect(of('weekly-meetings-held').months.slice(0, 2)).toEqual([
      { count: 3, within: 2 },
      { count: 1, within: 0 },
    ]);
  });

  it('key workers named within 5 working days', () => {
    expect(of('key-workers-named-within-target').months[0]).toEqual({ count: 2, within: 1 });
  });
});
