/** How a case's steps reach its readers: only its version's events, and on a closed case only what it takes. */
import { describe, expect, it } from 'vitest';
import { type ExpectedSteps, stepsOfCase } from './steps';

const found: ExpectedSteps = {
  steps: [
    { event: 'meetingHeld', title: 'Meeting', state: 'due', dueAt: '2027-03-01T23:59:59.999Z', recordable: true },
    { event: 'planAgreed', title: 'Plan', state: 'notYet', recordable: false },
    { event: 'visitMade', title: 'Visit', state: 'overdue', recordable: true },
    { event: 'checkRecorded', title: 'Check', state: 'due', recordable: true },
    { event: 'laterVersionOnly', title: 'Later', state: 'due', recordable: true },
  ],
  otherEvents: ['opened', 'moved', 'checkRecorded', 'laterVersionOnly', 'moved'],
};
const events = [
  { type: 'opened', opensCase: true },
  { type: 'meetingHeld' },
  { type: 'planAgreed' },
  { type: 'visitMade' },
  { type: 'moved' },
  { type: 'checkRecorded', onClosedCase: true },
];

describe('stepsOfCase', () => {
  it('an open case: its version’s events only, never an opening event, each other event once', () => {
    const s = stepsOfCase(found, events, 'open');
    expect(s.steps.map((x) => x.event)).toEqual(['meetingHeld', 'planAgreed', 'visitMade', 'checkRecorded']);
    expect(s.steps.map((x) => x.state)).toEqual(['due', 'notYet', 'overdue', 'due']);
    expect(s.otherEvents).toEqual(['moved', 'checkRecorded']);
  });

  it('a closed case: nothing more due, an overdue step stays overdue, only what a closed case takes is offered', () => {
    const s = stepsOfCase(found, events, 'closed');
    expect(s.steps.map((x) => [x.event, x.state, x.recordable])).toEqual([
      ['meetingHeld', 'notNeeded', false],
      ['planAgreed', 'notNeeded', false],
      ['visitMade', 'overdue', false],
      ['checkRecorded', 'due', true],
    ]);
    expect(s.otherEvents).toEqual(['checkRecorded']);
  });
});
