/**
 * The case page's task list (GOV.UK task list: https://design-system.service.gov.uk/components/task-list/)
 * from the steps the API's case answer carries (core/process/steps.ts, worked out by each process's
 * views): each step with its state in words and a tag, and its form one click away for a person whose
 * role may record it; and the other events this person may record, for "Something else happened".
 * The states are the API's: nothing is worked out again here.
 */
import { londonDateOf } from '#core/calendar/index';
import type { ExpectedSteps, StepState } from '#core/process/steps';
import { longDate, longDateTime } from './render';

/** One item of govukTaskList. */
export interface TaskListItem {
  title: { text: string };
  hint?: { text: string };
  href?: string;
  status: { tag?: { text: string; classes: string }; text?: string; classes?: string };
}

/** The state of a step as a tag (or, for what waits or is not needed, GOV.UK's grey words). */
function statusOf(state: StepState, clockState: string | undefined): TaskListItem['status'] {
  switch (state) {
    case 'done':
      return { tag: { text: 'Done', classes: 'govuk-tag--green' } };
    case 'overdue':
      return { tag: { text: 'Overdue', classes: 'govuk-tag--red' } };
    case 'due':
      if (clockState === 'dueSoon') return { tag: { text: 'Due soon', classes: 'govuk-tag--yellow' } };
      if (clockState === 'paused') return { tag: { text: 'Paused', classes: 'govuk-tag--grey' } };
      return { tag: { text: 'Due', classes: 'govuk-tag--blue' } };
    case 'notYet':
      return { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' };
    default:
      return { text: 'Not needed', classes: 'govuk-task-list__status--cannot-start-yet' };
  }
}

/** The step's state in words: when it was done, when it is (or was) due. */
function hintOf(step: ExpectedSteps['steps'][number]): string | undefined {
  const due = step.dueAt ? longDateTime(step.dueAt) : '';
  switch (step.state) {
    case 'done':
      return step.doneAt ? `Done on ${longDate(londonDateOf(new Date(step.doneAt)))}` : undefined;
    case 'overdue':
      return due ? `It was due by ${due}` : undefined;
    case 'due':
      if (step.clockState === 'paused') return 'Paused for now: its clock waits until it resumes';
      return due ? `Due by ${due}` : undefined;
    case 'notYet':
      return due ? `Cannot start yet; due by ${due}` : undefined;
    default:
      return undefined;
  }
}

/**
 * The task list and the other events, for a person who may record `mayRecord` (event types), each
 * form's address made by `hrefOf`. A step others record shows its state without a link.
 */
export function stepsView(
  steps: ExpectedSteps | undefined,
  mayRecord: ReadonlySet<string>,
  titleOf: (type: string) => string | undefined,
  hrefOf: (type: string) => string,
): { tasks: TaskListItem[]; otherActions: { text: string; href: string }[] } {
  if (!steps) return { tasks: [], otherActions: [] };
  const tasks = steps.steps.map((s) => {
    const hint = hintOf(s);
    return {
      title: { text: s.title },
      ...(hint ? { hint: { text: hint } } : {}),
      ...(s.recordable && mayRecord.has(s.event) ? { href: hrefOf(s.event) } : {}),
      status: statusOf(s.state, s.clockState),
    };
  });
  const otherActions = steps.otherEvents
    .filter((e) => mayRecord.has(e))
    .flatMap((e) => {
      const text = titleOf(e);
      return text ? [{ text, href: hrefOf(e) }] : [];
    });
  return { tasks, otherActions };
}
