/**
 * Health: the initial and review health assessment worklist, with working days left (England's
 * working days, as the statutory clocks count them), and links to record an appointment and a
 * completed assessment (the forms are the case's event forms, web/pages/case.ts).
 *
 *   GET /app/health
 */
import { londonDateOf } from '#core/calendar/index';
import { DUE_SOON_DEFINITION } from '#core/clocks/state';
import { ASSESSMENT_CLOCK, PROCESS_ID, REVIEW_CLOCK } from '#workflows/initial-health-assessment/contract';
import { segment } from '../api-client';
import { type PageModule, PREFIX } from './page';
import { readWorklist, worklistOptions } from './worklist';

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
      // The worklist of assessments (exact instants, the API's state), searched and filtered as asked.
      const read = await readWorklist(ctx, '/health', {
        process: PROCESS_ID,
        clock: Object.keys(ACTIONS).join(','),
      });
      if ('refused' in read) return ctx.problem(read.refused);
      const today = londonDateOf(ctx.now());
      // Statutory clocks count England's working days only (no organisation's closure days).
      const england = deps.runtime.workingDays.england();
      const rows = read.rows.map((c) => {
        const dueDay = c.dueAt ? londonDateOf(new Date(c.dueAt)) : today;
        const left =
          dueDay >= today ? england.workingDaysBetween(today, dueDay) : -england.workingDaysBetween(dueDay, today);
        return {
          ...c,
          left: c.state === 'overdue' && left >= 0 ? 'Past its due time' : workingDaysText(left),
          actions:
            ctx.user.role === 'health'
              ? (ACTIONS[c.definitionId ?? ''] ?? []).map((a) => ({
                  ...a,
                  href: `${PREFIX}/cases/${segment(c.caseId)}/record/${a.type}`,
                }))
              : [],
        };
      });
      return ctx.render(
        'health.njk',
        {
          title: 'Health assessments',
          ...read,
          rows,
          action: `${PREFIX}/health`,
          options: worklistOptions(ctx, read.choice),
          show: {
            process: false,
            provider: ctx.user.role === 'designated-nurse',
            searchHint:
              "A case code or the council's case reference; or a child's name or date of birth (for example, " +
              '1 February 2015)',
          },
          dueSoonWords: DUE_SOON_DEFINITION,
        },
        read.errors ? 400 : 200,
      );
    },
  },
];
