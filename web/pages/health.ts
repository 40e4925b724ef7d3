/**
 * Health: the initial and review health assessment worklist, with working days left (England's
 * working days, as the statutory clocks count them), and links to record an appointment and a
 * completed assessment (the forms are the case's event forms, web/pages/case.ts).
 *
 *   GET /app/health
 */
import { londonDateOf } from '#core/calendar/index';
import { ASSESSMENT_CLOCK, PROCESS_ID, REVIEW_CLOCK } from '#workflows/initial-health-assessment/contract';
import { segment } from '../api-client';
import { listedClockView } from '../views';
import type { ClockState } from '../words';
import { type PageModule, PREFIX } from './page';

/** What health records against each clock of the worklist. */
const ACTIONS: Record<string, { type: string; text: string }[]> = {
  [ASSESSMENT_CLOCK]: [
    { type: 'appointmentBooked', text: 'Record the appointment' },
    { type: 'assessmentCompleted', text: 'Record the completed assessment' },
  ],
  [REVIEW_CLOCK]: [{ type: 'reviewAssessmentCompleted', text: 'Record the completed review' }],
};

/** "3 working days left", "Due today", "1 working day overdue". */
export function workingDaysText(left: number): string {
  if (left === 0) return 'Due today';
  if (left > 0) return `${left} working day${left === 1 ? '' : 's'} left`;
  return `${-left} working day${left === -1 ? '' : 's'} overdue`;
}

export const healthPages: PageModule = (deps) => [
  {
    method: 'GET',
    path: '/health',
    access: ['health', 'designated-nurse'],
    nav: {
      text: 'Health assessments',
      order: 30,
      description: 'Initial and review health assessments for your organisation, with the working days left.',
    },
    async handle(ctx) {
      // The organisation's open clocks by case code, each with the London day it is due (the list gives no instant).
      const open = await ctx.api.get<{
        clocks: {
          caseId: string;
          caseCode: string;
          clockId: string;
          definitionId: string;
          title: string;
          status: string;
          due: string;
          overdue: boolean;
          state: ClockState;
          source: string;
        }[];
      }>(`/processes/${PROCESS_ID}/clocks`);
      if (open.status !== 200) return ctx.problem(open);
      const today = londonDateOf(ctx.now());
      // Statutory clocks count England's working days only (no organisation's closure days).
      const england = deps.runtime.workingDays.england();
      const rows = open.body.clocks
        .filter((c) => c.definitionId in ACTIONS)
        .sort((a, b) => a.due.localeCompare(b.due) || a.caseCode.localeCompare(b.caseCode))
        .map((c) => {
          const dueDay = c.due;
          const left =
            dueDay >= today ? england.workingDaysBetween(today, dueDay) : -england.workingDaysBetween(dueDay, today);
          const view = listedClockView(c);
          return {
            caseId: c.caseId,
            caseCode: c.caseCode,
            title: c.title,
            dueText: view.dueText,
            state: view.state,
            left: view.state === 'overdue' && left >= 0 ? 'Past its due time' : workingDaysText(left),
            actions:
              ctx.user.role === 'health'
                ? (ACTIONS[c.definitionId] ?? []).map((a) => ({
                    ...a,
                    href: `${PREFIX}/cases/${segment(c.caseId)}/record/${a.type}`,
                  }))
                : [],
          };
        });
      return ctx.render('health.njk', { title: 'Health assessments', rows });
    },
  },
];
