/**
 * Child protection's expected steps, hand-worked. A referral at 10:00 on Mon 21 Dec 2026; a strategy
 * discussion at 14:00 on Tue 22 Dec starts a section 47 enquiry: the initial conference is due within 15
 * working days (bank holidays 25 and 28 Dec and 1 Jan skipped: the end of Fri 15 Jan 2027). With a plan
 * from a conference on Thu 14 Jan: the first core group within 10 working days (the end of Thu 28 Jan),
 * the first review conference within 3 months (the end of Wed 14 Apr, British Summer Time: 22:59:59.999Z).
 */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { actors, applied, enquiryFrom, planFrom } from '#test/support/child-protection';
import { ProcessHarness } from '#test/support/process-harness';
import { offered, stateOf, stepsAt } from '#test/support/steps';
import type { CpDetails } from './contract';
import { exampleInitialConference, exampleReferral, exampleStrategyDiscussion } from './example';
import * as cpParts from './index';

const childProtection = definitionOf(cpParts);
const CONFERENCE_DUE = '2027-01-15T23:59:59.999Z';

describe('child protection: what is expected next', () => {
  it('a referral: a strategy discussion due; the enquiry and the conference cannot start yet', () => {
    const h = new ProcessHarness<CpDetails>(childProtection);
    applied(h.apply('referralReceived', exampleReferral(), actors.frontDoor, '2026-12-21T10:00:00Z'));
    const s = stepsAt(h, '2026-12-21T11:00:00Z');
    expect(stateOf(s)).toEqual([
      ['strategyDiscussionHeld', 'due', null],
      ['section47Completed', 'notYet', null],
      ['initialConferenceHeld', 'notYet', null],
    ]);
    expect(offered(s)).toEqual(['strategyDiscussionHeld', 'referralConcluded']);
  });

  it('in the enquiry: its outcome due, the conference counted but not yet to be recorded (the rules refuse it), then overdue', () => {
    const h = enquiryFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z');
    const s = stepsAt(h, '2026-12-23T09:00:00Z');
    expect(stateOf(s)).toEqual([
      ['strategyDiscussionHeld', 'done', null],
      ['section47Completed', 'due', null],
      ['initialConferenceHeld', 'notYet', CONFERENCE_DUE],
    ]);
    expect(s.steps[0]!.doneAt).toBe('2026-12-22T14:00:00.000Z');
    // A referral already under enquiry is not concluded as a referral; another strategy discussion may be held.
    expect(offered(s)).toEqual(['strategyDiscussionHeld', 'section47Completed']);
    const early = h.apply(
      'initialConferenceHeld',
      exampleInitialConference('2026-12-23'),
      actors.socialWorker,
      '2026-12-23T10:00:00Z',
    );
    expect(early.outcome).toBe('rejected');
    expect(stateOf(stepsAt(h, '2027-01-16T09:00:00Z'))[2]).toEqual([
      'initialConferenceHeld',
      'overdue',
      CONFERENCE_DUE,
    ]);
  });

  it('with a plan: the core group and the review conference due; the steps before it done and no longer offered', () => {
    const h = planFrom('2026-12-21T10:00:00Z', '2026-12-22T14:00:00Z', '2027-01-14');
    const s = stepsAt(h, '2027-01-15T09:00:00Z');
    expect(stateOf(s)).toEqual([
      ['strategyDiscussionHeld', 'done', null],
      ['section47Completed', 'done', null],
      ['initialConferenceHeld', 'done', CONFERENCE_DUE],
      ['coreGroupMeetingHeld', 'due', '2027-01-28T23:59:59.999Z'],
      ['reviewConferenceHeld', 'due', '2027-04-14T22:59:59.999Z'],
    ]);
    expect(offered(s)).toEqual(['coreGroupMeetingHeld', 'reviewConferenceHeld', 'planEnded']);
    const late = h.apply(
      'strategyDiscussionHeld',
      exampleStrategyDiscussion('2027-01-15T09:30:00Z'),
      actors.socialWorker,
      '2027-01-15T10:00:00Z',
    );
    expect(late.outcome).toBe('rejected');
  });
});
