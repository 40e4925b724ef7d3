/** The case page's task list from the API's steps: states in words and tags, links only for what this person records. */
import { describe, expect, it } from 'vitest';
import type { ExpectedSteps } from '#core/process/steps';
import { stepsView } from './steps';

const steps: ExpectedSteps = {
  steps: [
    {
      event: 'requestSent',
      title: 'Send the request',
      state: 'done',
      doneAt: '2027-02-28T23:30:00.000Z', // GMT: 28 February in London
      recordable: false,
    },
    {
      event: 'assessed',
      title: 'Assessment',
      state: 'due',
      clockState: 'dueSoon',
      dueAt: '2027-03-01T23:59:59.999Z',
      recordable: true,
    },
    { event: 'booked', title: 'Book', state: 'overdue', dueAt: '2027-02-20T23:59:59.999Z', recordable: true },
    { event: 'review', title: 'Review', state: 'notYet', recordable: false },
    { event: 'other', title: 'Other', state: 'notNeeded', recordable: false },
  ],
  otherEvents: ['moved', 'left'],
};
const titles: Record<string, string> = { moved: 'Placement moved', left: 'Child left care' };

describe('stepsView', () => {
  it('each step with its state in words and a tag; a link only where this person may record it now', () => {
    const view = stepsView(
      steps,
      new Set(['assessed', 'moved', 'requestSent']),
      (t) => titles[t],
      (t) => `/app/cases/c/record/${t}`,
    );
    expect(view.tasks).toEqual([
      {
        title: { text: 'Send the request' },
        hint: { text: 'Done on 28 February 2027' },
        status: { tag: { text: 'Done', classes: 'govuk-tag--green' } },
      },
      {
        title: { text: 'Assessment' },
        hint: { text: 'Due by 11:59pm on 1 March 2027' },
        href: '/app/cases/c/record/assessed',
        status: { tag: { text: 'Due soon', classes: 'govuk-tag--yellow' } },
      },
      {
        // Overdue, but another role records it: its state without a link.
        title: { text: 'Book' },
        hint: { text: 'It was due by 11:59pm on 20 February 2027' },
        status: { tag: { text: 'Overdue', classes: 'govuk-tag--red' } },
      },
      {
        title: { text: 'Review' },
        status: { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' },
      },
      {
        title: { text: 'Other' },
        status: { text: 'Not needed', classes: 'govuk-task-list__status--cannot-start-yet' },
      },
    ]);
    expect(view.otherActions).toEqual([{ text: 'Placement moved', href: '/app/cases/c/record/moved' }]);
  });

  it('no steps from the API: nothing to show', () => {
    expect(
      stepsView(
        undefined,
        new Set(['a']),
        () => 'A',
        (t) => t,
      ),
    ).toEqual({ tasks: [], otherActions: [] });
  });
});
