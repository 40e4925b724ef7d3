/**
 * The initial health assessment's expected steps, hand-worked. A child enters care at 10:00 on Mon 14
 * Dec 2026: the council's request to health is due within 5 working days (the end of Mon 21 Dec), the
 * assessment within 20 working days (bank holidays 25 and 28 Dec and 1 Jan skipped: the end of Thu 14 Jan
 * 2027); GMT all winter, so a London day ends at 23:59:59.999Z.
 */
import { describe, expect, it } from 'vitest';
import { enteredCare, IhaHarness } from '#test/support/initial-health-assessment';
import { people } from '#test/support/process-harness';
import { offered, stateOf, stepsAt } from '#test/support/steps';

const ENTRY = '2026-12-14T10:00:00Z';
const REQUEST_DUE = '2026-12-21T23:59:59.999Z';
const ASSESSMENT_DUE = '2027-01-14T23:59:59.999Z';
const request = { sentAt: '2026-12-16T10:00:00Z', consentIncluded: true };
const completed = { completedOn: '2027-01-12', practitioner: { name: 'Dr Ann Lee' }, healthPlanShared: true };

function entered() {
  const h = new IhaHarness();
  h.apply('childEnteredCare', enteredCare(), people.frontDoor, ENTRY);
  return h;
}

describe('initial health assessment: what is expected next', () => {
  it('on entry: the request, the appointment and the assessment due; a review cannot start yet', () => {
    const h = entered();
    const s = stepsAt(h, '2026-12-15T09:00:00Z');
    expect(stateOf(s)).toEqual([
      ['requestSentToHealth', 'due', REQUEST_DUE],
      ['appointmentBooked', 'due', ASSESSMENT_DUE],
      ['assessmentCompleted', 'due', ASSESSMENT_DUE],
      ['reviewAssessmentCompleted', 'notYet', null],
    ]);
    expect(offered(s)).toEqual([
      'requestSentToHealth',
      'appointmentBooked',
      'assessmentCompleted',
      'placementMoved',
      'childLeftCare',
    ]);
  });

  it('the request, once sent, is done and no longer offered, as the rules refuse it again', () => {
    const h = entered();
    h.apply('requestSentToHealth', request, people.frontDoor, '2026-12-16T10:00:00Z');
    const s = stepsAt(h, '2026-12-16T11:00:00Z');
    expect(s.steps[0]).toMatchObject({ state: 'done', doneAt: '2026-12-16T10:00:00.000Z', recordable: false });
    expect(offered(s)).not.toContain('requestSentToHealth');
    const again = h.apply('requestSentToHealth', request, people.frontDoor, '2026-12-16T12:00:00Z');
    expect(again.outcome).toBe('rejected');
  });

  it('the request due soon within its last 2 working days, then overdue; the assessment overdue after Thu 14 Jan', () => {
    const h = entered();
    expect(stepsAt(h, '2026-12-18T09:00:00Z').steps[0]).toMatchObject({ state: 'due', clockState: 'dueSoon' });
    expect(stepsAt(h, '2026-12-22T09:00:00Z').steps[0]).toMatchObject({ state: 'overdue', dueAt: REQUEST_DUE });
    h.apply(
      'requestSentToHealth',
      { ...request, sentAt: '2026-12-22T10:00:00Z' },
      people.frontDoor,
      '2026-12-22T10:00:00Z',
    );
    const s = stepsAt(h, '2027-01-15T09:00:00Z');
    expect(stateOf(s).slice(0, 3)).toEqual([
      ['requestSentToHealth', 'done', REQUEST_DUE], // sent late: done (the clock says met late)
      ['appointmentBooked', 'overdue', ASSESSMENT_DUE],
      ['assessmentCompleted', 'overdue', ASSESSMENT_DUE],
    ]);
    expect(s.steps[0]!.clockState).toBe('metLate');
  });

  it('the assessment done before a request was recorded: the request is not needed, nor offered; the review is next', () => {
    // The child (born 1 June 2015) is 11: the next review within 12 months of the assessment, by Wed 12 Jan 2028.
    const h = entered();
    h.apply('assessmentCompleted', completed, people.health, '2027-01-12T12:00:00Z');
    const s = stepsAt(h, '2027-01-12T13:00:00Z');
    expect(stateOf(s)).toEqual([
      ['requestSentToHealth', 'notNeeded', REQUEST_DUE],
      ['appointmentBooked', 'notNeeded', null],
      ['assessmentCompleted', 'done', ASSESSMENT_DUE],
      ['reviewAssessmentCompleted', 'due', '2028-01-12T23:59:59.999Z'],
    ]);
    expect(offered(s)).toEqual(['reviewAssessmentCompleted', 'placementMoved', 'childLeftCare']);
    const late = h.apply('requestSentToHealth', request, people.frontDoor, '2027-01-12T14:00:00Z');
    expect(late.outcome).toBe('rejected');
  });

  it('once the child has left care nothing more is due or offered', () => {
    const h = entered();
    h.apply(
      'childLeftCare',
      { leftOn: '2026-12-18', reason: 'returnedToFamily' },
      people.frontDoor,
      '2026-12-18T12:00:00Z',
    );
    const s = stepsAt(h, '2026-12-19T09:00:00Z');
    expect(s.steps.map((x) => x.state)).toEqual(['notNeeded', 'notNeeded', 'notNeeded', 'notNeeded']);
    expect(offered(s)).toEqual([]);
  });
});
