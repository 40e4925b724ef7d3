/**
 * Your cases: your worklist, the open clocks of every case you may read (`GET /my/clocks`, exact
 * instants and the API's state), due soonest first or newest cases first, with a search (case code,
 * reference; a child's name or date of birth where you may read them: the API searches only what you
 * may read), filters (process, clock state, an organisation on the case) and GOV.UK pagination.
 * A team leader's team caseload: the Family Help episodes they oversee, by lead practitioner, and those
 * paused; and the requests to pause waiting for their answer (each a clock of its own: answered by
 * pausing the episode, which is the approval, or by saying why it carries on).
 *
 *   GET /app/cases
 *   GET /app/team
 *   GET /app/team/pauses
 */
import { DUE_SOON_DEFINITION } from '#core/clocks/state';
import type { Role } from '#core/identity/actor';
import { type PageContext, type PageModule, PREFIX } from './page';
import { readWorklist, worklistOptions } from './worklist';

const FAMILY_HELP = 'supporting-families';
/** The clock of a request to pause, until the team leader answers it (workflows/supporting-families/clocks.ts). */
const PAUSE_DECISION = 'pause-decision';

/** Roles with a case list (cases they lead, or their organisation's open clocks). */
export const CASE_LIST_ROLES: readonly Role[] = [
  'front-door',
  'lead-practitioner',
  'team-leader',
  'service-manager',
  'health',
  'designated-nurse',
  'administrator',
  'crisis-chair',
];

/** A worklist page: the list, its form, its pagination; or the API's refusal. */
async function worklistPage(
  ctx: PageContext,
  path: string,
  words: { title: string; intro: string; empty: string; heading?: string },
  fixed: Record<string, string> = {},
  show = { process: true, provider: true, lead: false },
) {
  const read = await readWorklist(ctx, path, fixed);
  if ('refused' in read) return ctx.problem(read.refused);
  return ctx.render(
    'cases.njk',
    {
      ...words,
      ...read,
      rows: read.rows.map((r) => ({ ...r, leadText: r.leadPractitionerEmail ?? 'Not allocated yet' })),
      action: `${PREFIX}${path}`,
      options: worklistOptions(ctx, read.choice),
      show: {
        ...show,
        searchHint:
          "A case code or a reference; or a child's name or date of birth (for example, 1 February 2015) " +
          'where you may read them',
      },
      lead: show.lead,
      dueSoonWords: DUE_SOON_DEFINITION,
    },
    read.errors ? 400 : 200,
  );
}

export const yourCasesPages: PageModule = () => [
  {
    method: 'GET',
    path: '/cases',
    access: CASE_LIST_ROLES,
    nav: {
      text: 'Your cases',
      order: 20,
      description:
        'Your worklist: the cases you may read with a clock running, due soonest first, to search and filter.',
    },
    handle: (ctx) =>
      worklistPage(ctx, '/cases', {
        title: 'Your cases',
        intro: 'The clocks running on cases you may read: those you lead and those your organisation is on.',
        empty: 'You have no open cases with a clock running.',
      }),
  },
  {
    method: 'GET',
    path: '/team',
    access: ['team-leader'],
    nav: {
      text: 'Team caseload',
      order: 21,
      description: "Your team's Family Help episodes by lead practitioner, and the episodes paused.",
    },
    handle: (ctx) =>
      worklistPage(
        ctx,
        '/team',
        {
          title: 'Team caseload',
          intro:
            'The clocks running on the Family Help episodes your team holds, with each lead practitioner. ' +
            'Choose "Paused" to see the episodes on pause. Requests to pause waiting for your answer are ' +
            'under "Pauses awaiting approval".',
          empty: 'Your team has no Family Help episodes with a clock running.',
        },
        { process: FAMILY_HELP },
        { process: false, provider: true, lead: true },
      ),
  },
  {
    method: 'GET',
    path: '/team/pauses',
    access: ['team-leader'],
    nav: {
      text: 'Pauses awaiting approval',
      order: 22,
      description: 'Requests from lead practitioners to pause an episode, waiting for your answer.',
    },
    handle: (ctx) =>
      worklistPage(
        ctx,
        '/team/pauses',
        {
          title: 'Pauses awaiting approval',
          intro:
            'Lead practitioners have asked to pause these episodes. The weeks keep counting until you answer: ' +
            'open the episode to pause it, which approves the request, or to say why it carries on.',
          empty: 'No request to pause is waiting for your answer.',
        },
        { process: FAMILY_HELP, clock: PAUSE_DECISION },
        { process: false, provider: false, lead: true },
      ),
  },
];
