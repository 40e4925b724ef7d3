/**
 * Supporting Families / Family Help: the board's measures, each defined once and counted from the stored
 * episodes (core/measures/measure.ts). They count as the partnership's board pack counts (the Health and
 * Wellbeing Board pack, early help, calendar year 2024): requests and the children they name; episodes
 * opened by month; closed within 16 weeks as calendar weeks from allocation to closure, beside the figure
 * with paused weeks left out; over 20 weeks; closures; Outcomes Met as the closure reason the lead
 * practitioner records (need-by-need results are a second figure); partner-held episodes by kind; by
 * locality team. No rule is imported: the API and the pages read these.
 */
import { clockMeasures } from '#core/measures/clock-outcomes';
import { checkMeasures, londonMonthOf, type Occurrence, type ProcessMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { STATUTORY_ASSESSMENT_CLOCK } from './clocks';
import {
  boardClosure,
  closedWithinSixteenCalendarWeeks,
  closedWithinSixteenWeeksCounted,
  dayPastTwentyWeeks,
} from './closures';
import { channels, closureOutcomes, outcomeWords, PROCESS_ID, partnerKinds, routes, type SfDetails } from './details';

type Episode = CaseRecord<SfDetails>;

export {
  boardClosure,
  closedWithinSixteenCalendarWeeks,
  closedWithinSixteenWeeksCounted,
  dayPastTwentyWeeks,
  SIXTEEN_WEEKS_DAYS,
  TWENTY_WEEKS_DAYS,
} from './closures';

const BOARD_PACK = 'Partnership board pack (Health and Wellbeing Board, early help, calendar year 2024)';
const board = { basis: 'boardPack' as const, citation: BOARD_PACK };
const local = (words: string) => ({ basis: 'localTarget' as const, citation: `Partnership local target: ${words}` });

const NOT_RECORDED = 'not recorded';
const localityOf = (r: Episode) => r.details.request.locality ?? NOT_RECORDED;

const one = (month: string, groups?: Record<string, string>, weight?: number): Occurrence[] => [
  { month, ...(groups ? { groups } : {}), ...(weight !== undefined ? { weight } : {}) },
];

const requestOf = (r: Episode) => (r.details?.request ? r.details.request : undefined);

const localityBreakdown = { id: 'locality', title: 'By locality team' };
const kindWords: Record<string, string> = { school: 'Schools', health: 'Health', housing: 'Housing', other: 'Other' };

export const supportingFamiliesMeasures: ProcessMeasures<Episode> = checkMeasures<Episode>({
  process: PROCESS_ID,
  title: 'Family support (Supporting Families / Family Help)',
  measures: [
    {
      kind: 'count',
      id: 'requests',
      title: 'Requests for support',
      counts: 'requests for support made',
      definition:
        'Requests for support from any channel (with or without the family’s consent), in the London month ' +
        'each was made',
      source: board,
      boardPack: '3,195 in 2024',
      breakdowns: [{ id: 'channel', title: 'By channel', groups: channels.map((id) => ({ id })) }, localityBreakdown],
      count: (r) => {
        const q = requestOf(r);
        return q ? one(londonMonthOf(q.requestedAt), { channel: q.channel, locality: localityOf(r) }) : [];
      },
    },
    {
      kind: 'count',
      id: 'children',
      title: 'Children named in requests for support',
      counts: 'children named in requests for support',
      definition:
        'The children each request for support names, in the London month it was made. A request without the ' +
        'family’s consent keeps no family details, so its children are not counted here (the board pack’s ' +
        '"children referred" counts children beside requests)',
      source: board,
      boardPack: 'about 395 a month in 2024',
      count: (r) => {
        const q = requestOf(r);
        const children = r.details?.family?.children.length ?? 0;
        return q && children ? one(londonMonthOf(q.requestedAt), undefined, children) : [];
      },
    },
    {
      kind: 'count',
      id: 'decisions',
      title: 'Front door decisions',
      counts: 'front door decisions made',
      definition: 'Front door decisions on requests for support, in the London month each was made',
      source: local('the front door decides the route within 1 working day of the request'),
      breakdowns: [{ id: 'route', title: 'By route', groups: routes.map((id) => ({ id })) }],
      count: (r) => {
        const d = r.details?.decision;
        return d ? one(londonMonthOf(d.decidedAt), { route: d.route }) : [];
      },
    },
    {
      kind: 'share',
      id: 'decided-within-1-working-day',
      title: 'Front door decisions within 1 working day',
      of: 'decisions',
      numerator: 'decisions made within 1 working day of the request',
      definition:
        'Of the front door decisions made in the month, those made by the end of the first working day after ' +
        'the request (the front door decision clock met)',
      source: local('the front door decides the route within 1 working day of the request'),
      count: (r) => {
        const d = r.details?.decision;
        return d?.withinTarget ? one(londonMonthOf(d.decidedAt), { route: d.route }) : [];
      },
    },
    {
      kind: 'count',
      id: 'episodes-opened',
      title: 'Episodes opened',
      counts: 'episodes opened (a lead practitioner allocated)',
      definition: 'Episodes of family support that started, in the London month the lead practitioner was allocated',
      source: board,
      boardPack: '2,780 in 2024, about 225 a month, the highest since 2017',
      breakdowns: [localityBreakdown],
      count: (r) => {
        const a = r.details?.allocation;
        return a ? one(londonMonthOf(a.allocatedAt), { locality: localityOf(r) }) : [];
      },
    },
    {
      kind: 'share',
      id: 'partner-held',
      title: 'Partner-held episodes',
      of: 'episodes-opened',
      numerator: 'episodes opened that a partner holds (partner-led: a school, health, housing or another partner)',
      definition:
        'Of the episodes opened in the month, those held by a partner organisation, by kind of partner. The ' +
        'board pack’s "other" is housing and other partners together',
      source: board,
      boardPack: '469 in 2024 (16.9%): schools 428, health 2, other 39',
      breakdowns: [
        { id: 'kind', title: 'By kind of partner', groups: partnerKinds.map((id) => ({ id, words: kindWords[id] })) },
      ],
      count: (r) => {
        const a = r.details?.allocation;
        return a?.partnerLed ? one(londonMonthOf(a.allocatedAt), { kind: a.partnerKind ?? 'other' }) : [];
      },
    },
    {
      kind: 'share',
      id: 'held-by-early-help-coordinators',
      title: 'Episodes held by early help co-ordinators',
      of: 'episodes-opened',
      numerator: 'episodes opened that an early help co-ordinator holds',
      definition:
        'Of the episodes opened in the month, those held by an early help co-ordinator working with a partner',
      source: board,
      boardPack: '32 in 2024',
      notYetRecorded:
        'RightTime records the lead practitioner’s organisation and whether the episode is partner-led, not ' +
        'whether a council lead practitioner is an early help co-ordinator',
    },
    {
      kind: 'share',
      id: 'started-by-partners',
      title: 'Episodes started by partners',
      of: 'episodes-opened',
      numerator: 'episodes opened whose request came from a partner',
      definition: 'Of the episodes opened in the month, those whose request for support came through a partner',
      source: board,
      boardPack: '458 in 2024',
      count: (r) => {
        const a = r.details?.allocation;
        return a && r.details.request.channel === 'partner' ? one(londonMonthOf(a.allocatedAt)) : [];
      },
    },
    {
      kind: 'count',
      id: 'assessments',
      title: 'Early help assessments',
      counts: 'early help assessments completed',
      definition: 'Whole-family assessments completed, in the month of the day each was completed',
      source: board,
      boardPack: '1,963 in 2024, about 169 a month',
      count: (r) => {
        const a = r.details?.assessment;
        return a ? one(a.completedOn.slice(0, 7)) : [];
      },
    },
    {
      kind: 'count',
      id: 'episodes-closed',
      title: 'Episodes closed',
      counts: 'episodes closed',
      definition:
        'Episodes that started (a lead practitioner allocated) and closed, whatever the reason (a step-up to ' +
        'social care included), in the London month each closed',
      source: board,
      boardPack: '2,739 in 2024, 25% more than 2023',
      breakdowns: [
        {
          id: 'reason',
          title: 'By closure reason',
          groups: closureOutcomes.map((id) => ({ id, words: outcomeWords[id] })),
        },
        localityBreakdown,
      ],
      count: (r) => {
        const c = boardClosure(r);
        return c ? one(londonMonthOf(c.at), { reason: c.outcome, locality: localityOf(r) }) : [];
      },
    },
    {
      kind: 'share',
      id: 'closed-within-16-weeks',
      title: 'Episodes closed within 16 weeks',
      of: 'episodes-closed',
      numerator: 'episodes closed within 16 calendar weeks of allocation, paused weeks included',
      definition:
        'As the board counts it: of the episodes closed in the month, those closed by the end of the same ' +
        'weekday 16 calendar weeks after the day the lead practitioner was allocated, paused weeks included',
      source: board,
      boardPack: '87% in 2024',
      count: (r) => {
        const c = boardClosure(r);
        return c && closedWithinSixteenCalendarWeeks(c.allocatedAt, c.at) ? one(londonMonthOf(c.at)) : [];
      },
    },
    {
      kind: 'share',
      id: 'closed-within-16-weeks-pauses-left-out',
      title: 'Episodes closed within 16 weeks of support (paused weeks left out)',
      of: 'episodes-closed',
      numerator: 'episodes closed within 16 weeks of support counted, paused days left out',
      definition:
        'The second figure, beside the board’s: of the episodes closed in the month, those whose days of ' +
        'support counted (calendar days from allocation to closure, paused days left out) were 112 or fewer',
      source: local('an intensive episode closes by week 16 of support (paused weeks not counted)'),
      count: (r) => {
        const c = boardClosure(r);
        return c && closedWithinSixteenWeeksCounted(c) ? one(londonMonthOf(c.at)) : [];
      },
    },
    {
      kind: 'values',
      id: 'paused-days',
      title: 'Days paused, of episodes closed after a pause',
      unit: 'days',
      counts: 'episodes closed after a pause, and their days paused',
      definition:
        'Paused time shown apart: the episodes closed in the month that were paused, and their calendar days ' +
        'paused (median and total)',
      source: local('a team leader approves each pause, with a reason'),
      count: (r) => {
        const c = boardClosure(r);
        return c?.daysPaused ? [{ month: londonMonthOf(c.at), value: c.daysPaused }] : [];
      },
    },
    {
      kind: 'count',
      id: 'past-20-weeks',
      title: 'Episodes open past 20 weeks',
      counts: 'episodes still open 20 calendar weeks after allocation',
      definition:
        'Episodes still open at the end of the day 20 calendar weeks after allocation (paused weeks included), ' +
        'in the London month they reached it',
      source: board,
      boardPack: '"falling year on year" (no figure given)',
      breakdowns: [localityBreakdown],
      count: (r, { now }) => {
        const day = dayPastTwentyWeeks(r, now);
        return day ? one(day.slice(0, 7), { locality: localityOf(r) }) : [];
      },
    },
    {
      kind: 'share',
      id: 'outcomes-met',
      title: 'Episodes closed with Outcomes Met',
      of: 'episodes-closed',
      numerator: 'episodes closed with the closure reason Outcomes Met',
      definition:
        'Of the episodes closed in the month, those whose lead practitioner recorded the closure reason ' +
        '"Outcomes Met" (as the board pack reads it: the reason recorded, not a figure derived from each ' +
        'need’s result; those are the next figure)',
      source: board,
      boardPack: '54% in 2024 ("+17%"), the highest in 7 years',
      count: (r) => {
        const c = boardClosure(r);
        return c?.outcome === 'outcomesMet' ? one(londonMonthOf(c.at)) : [];
      },
    },
    {
      kind: 'count',
      id: 'need-results',
      title: 'Needs with a result recorded at closure',
      counts: 'needs whose result was recorded when the episode closed',
      definition: 'Each identified need’s result recorded at closure, in the London month the episode closed',
      source: local('each identified need’s result is recorded at closure (Supporting Families outcome framework)'),
      count: (r) => {
        const c = boardClosure(r);
        const n = c?.needResults?.length ?? 0;
        return c && n ? one(londonMonthOf(c.at), undefined, n) : [];
      },
    },
    {
      kind: 'share',
      id: 'needs-improved',
      title: 'Needs improved at closure',
      of: 'need-results',
      numerator: 'needs recorded as improved',
      definition:
        'The second, separate figure: of the needs whose result was recorded at closure in the month, those ' +
        'recorded as improved',
      source: local('each identified need’s result is recorded at closure (Supporting Families outcome framework)'),
      count: (r) => {
        const c = boardClosure(r);
        const n = c?.needResults?.filter((x) => x.result === 'improved').length ?? 0;
        return c && n ? one(londonMonthOf(c.at), undefined, n) : [];
      },
    },
    ...clockMeasures<Episode>({
      dueId: 'family-help-assessments-due',
      withinId: 'family-help-assessments-within-45-working-days',
      clockDefinitionId: STATUTORY_ASSESSMENT_CLOCK,
      dueTitle: 'Family Help assessments of a child in need due',
      withinTitle: 'Family Help assessments within 45 working days',
      counts: 'statutory Family Help assessments of a child in need that fell due',
      within: 'assessments completed within 45 working days of the request',
      definition:
        'Of the statutory assessments of a child in need that fell due in the month, those completed within ' +
        '45 working days of the request (working days in England)',
      source: {
        basis: 'statutory',
        citation: 'Working Together to Safeguard Children 2023 (Children Act 1989 s17): within 45 working days',
      },
    }),
  ],
});

/** The measures as the process's folder exports them (index.ts; workflows/measures.ts lists them for the board). */
export { supportingFamiliesMeasures as measures };
