/**
 * Supporting Families' (and Family Help's) expected steps, hand-worked. A request at 10:00 on Mon 2 Mar
 * 2026 (GMT): the front door decides within 1 working day (the end of Tue 3 Mar); decided at 11:00, a
 * lead practitioner is allocated within 5 working days (the end of Mon 9 Mar). Allocated at 10:00 on Wed
 * 4 Mar: the assessment within 4 weeks (the end of Wed 1 Apr, British Summer Time from 29 Mar: 22:59:59.999Z),
 * the family plan within 6 weeks (the end of Wed 15 Apr), the first Team Around the Family review 6 weeks
 * after allocation at 09:00 (Wed 15 Apr, 08:00Z), the episode within 16 weeks (the end of Wed 24 Jun).
 */
import { describe, expect, it } from 'vitest';
import { definitionOf } from '#core/process/catalogue';
import { ProcessHarness } from '#test/support/process-harness';
import { offered, stateOf, stepsAt } from '#test/support/steps';
import { actors, familyHelpEpisode } from '#test/support/supporting-families';
import type { SfDetails } from './contract';
import { exampleAllocation, exampleRequest } from './example';
import * as sfParts from './index';

const supportingFamilies = definitionOf(sfParts, 1);
const familyHelp = definitionOf(sfParts, 2);
const REQUESTED = '2026-03-02T10:00:00Z';
const decision = { route: 'intensiveEpisode', reason: 'Three needs; the family want help together' };

function requested() {
  const h = new ProcessHarness<SfDetails>(supportingFamilies);
  h.apply('requestForSupport', exampleRequest({ requestedAt: REQUESTED }), actors.frontDoor, REQUESTED);
  return h;
}

/** The request decided at 11:00 on Mon 2 Mar, and a lead practitioner allocated at 10:00 on Wed 4 Mar. */
function allocated() {
  const h = requested();
  h.apply('frontDoorDecision', decision, actors.frontDoor, '2026-03-02T11:00:00Z');
  h.apply(
    'leadPractitionerAllocated',
    exampleAllocation('2026-03-04T10:00:00Z'),
    actors.teamLeader,
    '2026-03-04T10:00:00Z',
  );
  return h;
}

describe('Supporting Families: what is expected next', () => {
  it('a request: the decision due, everything after it cannot start yet', () => {
    const h = requested();
    const s = stepsAt(h, '2026-03-02T10:30:00Z');
    expect(stateOf(s)).toEqual([
      ['frontDoorDecision', 'due', '2026-03-03T23:59:59.999Z'],
      ['leadPractitionerAllocated', 'notYet', null],
      ['assessmentCompleted', 'notYet', null],
      ['planAgreed', 'notYet', null],
      ['teamAroundFamilyReviewHeld', 'notYet', null],
      ['episodeClosed', 'notYet', null],
    ]);
    expect(offered(s)).toEqual(['frontDoorDecision', 'steppedUpToSocialCare']);
    expect(stateOf(stepsAt(h, '2026-03-04T09:00:00Z'))[0]).toEqual([
      'frontDoorDecision',
      'overdue',
      '2026-03-03T23:59:59.999Z',
    ]);
  });

  it('decided: the decision done and no longer offered (the rules refuse another); the allocation due', () => {
    const h = requested();
    h.apply('frontDoorDecision', decision, actors.frontDoor, '2026-03-02T11:00:00Z');
    const s = stepsAt(h, '2026-03-02T12:00:00Z');
    expect(stateOf(s).slice(0, 2)).toEqual([
      ['frontDoorDecision', 'done', '2026-03-03T23:59:59.999Z'],
      ['leadPractitionerAllocated', 'due', '2026-03-09T23:59:59.999Z'],
    ]);
    expect(offered(s)).toEqual(['leadPractitionerAllocated', 'steppedUpToSocialCare']);
    expect(h.apply('frontDoorDecision', decision, actors.frontDoor, '2026-03-02T13:00:00Z').outcome).toBe('rejected');
  });

  it('in the episode: the assessment, plan, next review and closure due; the assessment once recorded is not offered', () => {
    const h = allocated();
    const s = stepsAt(h, '2026-03-05T09:00:00Z');
    expect(stateOf(s)).toEqual([
      ['frontDoorDecision', 'done', '2026-03-03T23:59:59.999Z'],
      ['leadPractitionerAllocated', 'done', '2026-03-09T23:59:59.999Z'],
      ['assessmentCompleted', 'due', '2026-04-01T22:59:59.999Z'],
      ['planAgreed', 'due', '2026-04-15T22:59:59.999Z'],
      ['teamAroundFamilyReviewHeld', 'due', '2026-04-15T08:00:00.000Z'],
      ['episodeClosed', 'due', '2026-06-24T22:59:59.999Z'],
    ]);
    // A handover to a new lead practitioner stays open; a pause applies, a resume does not.
    expect(s.otherEvents).toEqual(['pauseRequested', 'episodePaused', 'steppedUpToSocialCare']);
    h.apply('assessmentCompleted', { completedOn: '2026-03-20' }, actors.lead, '2026-03-20T12:00:00Z');
    const after = stepsAt(h, '2026-03-21T09:00:00Z');
    expect(after.steps[2]).toMatchObject({ state: 'done', recordable: false });
    expect(offered(after)).not.toContain('assessmentCompleted');
    const again = h.apply('assessmentCompleted', { completedOn: '2026-03-21' }, actors.lead, '2026-03-21T12:00:00Z');
    expect(again.outcome).toBe('rejected');
  });

  it('paused: the episode steps show paused, a resume applies and a second pause does not', () => {
    const h = allocated();
    const paused = h.apply('episodePaused', { reason: 'parentInHospital' }, actors.teamLeader, '2026-03-06T10:00:00Z');
    expect(paused.outcome, JSON.stringify(paused.response)).toBe('applied');
    const s = stepsAt(h, '2026-03-07T09:00:00Z');
    expect(s.steps[5]).toMatchObject({ event: 'episodeClosed', state: 'due', clockState: 'paused' });
    expect(s.otherEvents).toEqual(['episodeResumed', 'steppedUpToSocialCare']);
  });

  it("a request to pause waiting: the team leader's answer is a step, due by the end of the second working day", () => {
    const h = allocated();
    // Asked on Friday 6 March: answered by the end of Tuesday 10 March.
    h.apply('pauseRequested', { reason: 'familyAway' }, actors.lead, '2026-03-06T10:00:00Z');
    const s = stepsAt(h, '2026-03-06T11:00:00Z');
    expect(s.steps[4]).toMatchObject({ event: 'episodePaused', state: 'due', dueAt: '2026-03-10T23:59:59.999Z' });
    expect(s.otherEvents).toEqual(['pauseNotAgreed', 'steppedUpToSocialCare']);
    h.apply('pauseNotAgreed', { note: 'Carry on with the plan' }, actors.teamLeader, '2026-03-09T10:00:00Z');
    const after = stepsAt(h, '2026-03-09T11:00:00Z');
    expect(after.steps.map((x) => x.event)).not.toContain('episodePaused');
    expect(after.otherEvents).toEqual(['pauseRequested', 'episodePaused', 'steppedUpToSocialCare']);
  });
});

describe('Family Help: what is expected next', () => {
  it('a child protection plan may start in the episode; once started only its end applies', () => {
    const h = familyHelpEpisode(REQUESTED, '2026-03-04T10:00:00Z', false, new ProcessHarness<SfDetails>(familyHelp));
    expect(stepsAt(h, '2026-03-05T09:00:00Z').otherEvents).toContain('childProtectionPlanStarted');
    const started = h.apply(
      'childProtectionPlanStarted',
      { startedOn: '2026-03-05' },
      actors.lead,
      '2026-03-05T12:00:00Z',
    );
    expect(started.outcome, JSON.stringify(started.response)).toBe('applied');
    const s = stepsAt(h, '2026-03-06T09:00:00Z');
    expect(s.otherEvents).toContain('childProtectionPlanEnded');
    expect(s.otherEvents).not.toContain('childProtectionPlanStarted');
  });

  it('Supporting Families (version 1) offers no child protection plan events', () => {
    const h = allocated();
    expect(offered(stepsAt(h, '2026-03-05T09:00:00Z')).filter((e) => e.startsWith('childProtection'))).toEqual([]);
  });
});
