/**
 * Crisis escalation's expected steps, hand-worked. A young person presents very urgently on a paediatric
 * ward at 14:00 on Wed 3 Feb 2027 (GMT), rated Red: the face-to-face assessment is due within 4 hours
 * (18:00), the first Bronze MDT within 1 working day (the end of Thu 4 Feb). Held Thu 10:00, the daily
 * cadence follows (next due by the end of Fri 5 Feb). Medically fit Fri 5 Feb 18:00: Silver 24 hours
 * later (Sat 6 Feb 18:00, its meeting within 1 working day: the end of Mon 8 Feb), Gold 72 hours after
 * medically fit (Mon 8 Feb 18:00, its meeting within 24 hours: Tue 9 Feb 18:00).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import { offered, stateOf, stepsAt } from '#test/support/steps';
import type { CrisisDetails } from './contract';
import { examplePresentation } from './example';
import * as crisisParts from './index';

const crisisEscalation = definitionOf(crisisParts);
const health: Actor = {
  kind: 'person',
  userId: 'u-priya',
  name: 'Priya Shah',
  role: 'health',
  organisation: 'riverside-health',
};
const chair: Actor = { ...health, userId: 'u-rhys', name: 'Rhys Cole', role: 'crisis-chair' };
const meeting = (heldAt: string) => ({
  heldAt,
  organisationsPresent: ['riverside-health', 'riverside-council'],
  decisions: 'Agreed who will visit',
  plan: 'Ward and crisis team review each morning',
});

function presented() {
  const h = new ProcessHarness<CrisisDetails>(crisisEscalation);
  h.apply('presented', examplePresentation(), health, '2027-02-03T14:00:00Z');
  return h;
}

describe('crisis escalation: what is expected next', () => {
  it('on presenting: the assessment and the first Bronze MDT due; then the assessment overdue after 4 hours', () => {
    const h = presented();
    const s = stepsAt(h, '2027-02-03T15:00:00Z');
    expect(stateOf(s)).toEqual([
      ['crisisAssessed', 'due', '2027-02-03T18:00:00.000Z'],
      ['bronzeMeetingHeld', 'due', '2027-02-04T23:59:59.999Z'],
    ]);
    // A paediatric ward is an acute bed: medically fit applies; no level to step down from yet.
    expect(s.otherEvents).toEqual(['ratingChanged', 'medicallyFit', 'tier4Referred', 'discharged']);
    expect(stateOf(stepsAt(h, '2027-02-03T18:30:00Z'))[0]).toEqual([
      'crisisAssessed',
      'overdue',
      '2027-02-03T18:00:00.000Z',
    ]);
  });

  it('the assessment, once recorded, is done and no longer offered (the rules refuse a second); the next Bronze MDT is due', () => {
    const h = presented();
    h.apply('crisisAssessed', { assessedAt: '2027-02-03T16:00:00Z' }, health, '2027-02-03T16:00:00Z');
    h.apply('bronzeMeetingHeld', meeting('2027-02-04T10:00:00Z'), chair, '2027-02-04T10:00:00Z');
    const s = stepsAt(h, '2027-02-04T11:00:00Z');
    expect(s.steps[0]).toMatchObject({ state: 'done', doneAt: '2027-02-03T16:00:00.000Z', recordable: false });
    expect(s.steps[1]).toMatchObject({
      event: 'bronzeMeetingHeld',
      title: 'Next Bronze MDT meeting',
      state: 'due',
      dueAt: '2027-02-05T23:59:59.999Z',
      recordable: true,
    });
    expect(offered(s)).not.toContain('crisisAssessed');
    const again = h.apply('crisisAssessed', { assessedAt: '2027-02-03T17:00:00Z' }, health, '2027-02-04T12:00:00Z');
    expect(again.outcome).toBe('rejected');
  });

  it('at Gold: the Gold meeting overdue, the Silver meeting never held not needed and not offered', () => {
    const h = presented();
    h.apply('crisisAssessed', { assessedAt: '2027-02-03T16:00:00Z' }, health, '2027-02-03T16:00:00Z');
    h.apply('bronzeMeetingHeld', meeting('2027-02-04T10:00:00Z'), chair, '2027-02-04T10:00:00Z');
    h.apply('medicallyFit', { fitAt: '2027-02-05T18:00:00Z' }, health, '2027-02-05T18:00:00Z');
    // Sat 6 Feb 19:00, at Silver: its meeting due by the end of Mon 8 Feb; medically fit no longer applies.
    const silver = stepsAt(h, '2027-02-06T19:00:00Z');
    expect(stateOf(silver).slice(2)).toEqual([['silverMeetingHeld', 'due', '2027-02-08T23:59:59.999Z']]);
    expect(silver.otherEvents).toEqual(['ratingChanged', 'steppedDown', 'tier4Referred', 'discharged']);
    // Tue 9 Feb 19:00: Gold since Mon 18:00, its meeting due by Tue 18:00 and not held.
    const gold = stepsAt(h, '2027-02-09T19:00:00Z');
    expect(stateOf(gold).slice(2)).toEqual([
      ['silverMeetingHeld', 'notNeeded', '2027-02-08T23:59:59.999Z'],
      ['goldMeetingHeld', 'overdue', '2027-02-09T18:00:00.000Z'],
    ]);
    expect(offered(gold)).toContain('goldMeetingHeld');
    expect(offered(gold)).not.toContain('silverMeetingHeld');
  });

  it('after discharge the case is closed: nothing is offered; the missed assessment and Gold meeting stay overdue', () => {
    const h = presented();
    h.apply('medicallyFit', { fitAt: '2027-02-05T18:00:00Z' }, health, '2027-02-05T18:00:00Z');
    h.runUntil('2027-02-09T19:00:00Z');
    h.apply(
      'discharged',
      { dischargedAt: '2027-02-09T20:00:00Z', outcome: 'localityTeam' },
      health,
      '2027-02-09T20:00:00Z',
    );
    const s = stepsAt(h, '2027-02-09T21:00:00Z');
    expect(offered(s)).toEqual([]);
    expect(s.steps.find((x) => x.event === 'goldMeetingHeld')?.state).toBe('overdue');
    // Never recorded, its 4 hours long past: a missed deadline stays visible (its clock's one state).
    expect(s.steps.find((x) => x.event === 'crisisAssessed')?.state).toBe('overdue');
  });
});
