/**
 * Before admission's expected steps, hand-worked. A young person is rated Red at 10:00 on Mon 21 Dec 2026:
 * the community Care (Education) and Treatment Review and the key worker are due within 5 working days
 * (25 and 28 Dec are bank holidays: the end of Wed 30 Dec), the first all-agency meeting within 7 days
 * (the end of Mon 28 Dec).
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '#core/identity/actor';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import { offered, stateOf, stepsAt } from '#test/support/steps';
import type { BeforeAdmissionDetails } from './contract';
import { exampleAtRisk, keyWorker } from './example';
import * as parts from './index';

const beforeAdmission = definitionOf(parts);
const priya: Actor = {
  kind: 'person',
  userId: 'u-priya-health',
  name: 'Priya Shah',
  role: 'health',
  organisation: 'riverside-health',
};

function rated() {
  const h = new ProcessHarness<BeforeAdmissionDetails>(beforeAdmission);
  const d = h.apply('atRiskOfAdmission', exampleAtRisk(), priya, '2026-12-21T10:00:00Z');
  expect(d.outcome, JSON.stringify(d.response)).toBe('applied');
  return h;
}

describe('before admission: what is expected next', () => {
  it('the review, the key worker and the first meeting due; the meeting overdue after its 7 days', () => {
    const h = rated();
    const s = stepsAt(h, '2026-12-21T11:00:00Z');
    expect(stateOf(s)).toEqual([
      ['communityReviewHeld', 'due', '2026-12-30T23:59:59.999Z'],
      ['keyWorkerNamed', 'due', '2026-12-30T23:59:59.999Z'],
      ['meetingHeld', 'due', '2026-12-28T23:59:59.999Z'],
    ]);
    expect(offered(s)).toEqual(['communityReviewHeld', 'keyWorkerNamed', 'meetingHeld', 'riskOfAdmissionEnded']);
    expect(stateOf(stepsAt(h, '2026-12-29T09:00:00Z'))[2]).toEqual([
      'meetingHeld',
      'overdue',
      '2026-12-28T23:59:59.999Z',
    ]);
  });

  it('a review held is done and no longer offered (the rules refuse a second); a key worker named may be changed', () => {
    const h = rated();
    expect(h.apply('keyWorkerNamed', { keyWorker }, priya, '2026-12-22T09:00:00Z').outcome).toBe('applied');
    expect(h.apply('communityReviewHeld', { heldOn: '2026-12-23' }, priya, '2026-12-23T16:00:00Z').outcome).toBe(
      'applied',
    );
    const s = stepsAt(h, '2026-12-23T17:00:00Z');
    expect(s.steps.map((x) => [x.event, x.state])).toEqual([
      ['communityReviewHeld', 'done'],
      ['keyWorkerNamed', 'done'],
      ['meetingHeld', 'due'],
    ]);
    expect(offered(s)).toEqual(['meetingHeld', 'keyWorkerNamed', 'riskOfAdmissionEnded']);
    const again = h.apply('communityReviewHeld', { heldOn: '2026-12-23' }, priya, '2026-12-23T17:30:00Z');
    expect(again.response.rejection?.status).toBe(409);
  });

  it('once the time at risk has ended nothing more is offered', () => {
    const h = rated();
    const ended = h.apply(
      'riskOfAdmissionEnded',
      { at: '2026-12-22T12:00:00Z', outcome: 'stayingInCommunity' },
      priya,
      '2026-12-22T12:00:00Z',
    );
    expect(ended.outcome).toBe('applied');
    expect(offered(stepsAt(h, '2026-12-22T13:00:00Z'))).toEqual([]);
  });
});
