/**
 * Children in care's expected steps, hand-worked. A child becomes looked after at 10:00 on Tue 22 Dec
 * 2026: the first review is due within 20 working days (bank holidays 25 and 28 Dec and 1 Jan skipped:
 * the end of Fri 22 Jan 2027), the first visit within 7 days (the end of Tue 29 Dec). A visit on Mon 28
 * Dec: the next within 6 weeks (the end of Mon 8 Feb). A review on Wed 20 Jan: the next within 3 months
 * (the end of Tue 20 Apr, British Summer Time: 22:59:59.999Z).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import { offered, stateOf, stepsAt } from '#test/support/steps';
import type { CicDetails } from './contract';
import { exampleLookedAfter, reviewingOfficer } from './example';
import * as cicParts from './index';

const childrenInCare = definitionOf(cicParts);
const socialWorker: Actor = {
  kind: 'person',
  userId: 'u-sam-socialworker',
  name: 'Sam Okafor',
  role: 'lead-practitioner',
  organisation: 'riverside-council',
};

function lookedAfter() {
  const h = new ProcessHarness<CicDetails>(childrenInCare);
  const d = h.apply('childLookedAfter', exampleLookedAfter(), socialWorker, '2026-12-22T10:00:00Z');
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return h;
}

describe('children in care: what is expected next', () => {
  it('the first review and the first visit due; the visit overdue after its 7 days', () => {
    const h = lookedAfter();
    const s = stepsAt(h, '2026-12-22T11:00:00Z');
    expect(stateOf(s)).toEqual([
      ['reviewHeld', 'due', '2027-01-22T23:59:59.999Z'],
      ['visitMade', 'due', '2026-12-29T23:59:59.999Z'],
    ]);
    expect(s.steps.map((x) => x.title)).toEqual(['First review', 'Next visit']);
    expect(offered(s)).toEqual([
      'reviewHeld',
      'visitMade',
      'placementMoved',
      'reviewingOfficerAppointed',
      'childLeftCare',
    ]);
    expect(stateOf(stepsAt(h, '2026-12-30T09:00:00Z'))[1]).toEqual([
      'visitMade',
      'overdue',
      '2026-12-29T23:59:59.999Z',
    ]);
  });

  it('each recurring step shows the one next due once the last was recorded', () => {
    const h = lookedAfter();
    h.apply('visitMade', { visitedOn: '2026-12-28', seenAlone: true }, socialWorker, '2026-12-28T15:00:00Z');
    h.apply(
      'reviewHeld',
      { heldOn: '2027-01-20', independentReviewingOfficer: reviewingOfficer },
      socialWorker,
      '2027-01-20T15:00:00Z',
    );
    const s = stepsAt(h, '2027-01-21T09:00:00Z');
    expect(stateOf(s)).toEqual([
      ['reviewHeld', 'due', '2027-04-20T22:59:59.999Z'],
      ['visitMade', 'due', '2027-02-08T23:59:59.999Z'],
    ]);
    expect(s.steps[0]!.title).toBe('Next review');
  });

  it('once the child has left care nothing more is due or offered', () => {
    const h = lookedAfter();
    h.apply(
      'childLeftCare',
      { leftOn: '2026-12-23', reason: 'returnedToFamily' },
      socialWorker,
      '2026-12-23T12:00:00Z',
    );
    const s = stepsAt(h, '2026-12-24T09:00:00Z');
    expect(s.steps.map((x) => x.state)).toEqual(['notNeeded', 'notNeeded']);
    expect(offered(s)).toEqual([]);
  });
});
