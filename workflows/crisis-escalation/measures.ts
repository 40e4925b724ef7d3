/**
 * Crisis escalation: the board's measures, each defined once (core/measures/measure.ts). As the
 * process's own figures do (views.ts), each young person is counted in the London month they presented,
 * their assessment, escalations and hours with them; a meeting or review that is due on a clock counts in
 * the month it fell due (core/measures/clock-outcomes.ts, as the dashboards count clocks). The plan for
 * the area gives no timescales for Silver and Gold: those are local targets the partnership sets.
 */
import { hoursBetween } from '#core/calendar/index';
import { clockMeasures } from '#core/measures/clock-outcomes';
import { checkMeasures, londonMonthOf, type Occurrence, type ProcessMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { FIRST_BRONZE_MEETING, GOLD_MEETING, POST_ADMISSION_REVIEW, SILVER_MEETING } from './clocks';
import { type CrisisDetails, type Level, PROCESS_ID, presentationSettings, routesIn, settingWords } from './details';

type Crisis = CaseRecord<CrisisDetails>;

const local = (citation: string) => ({ basis: 'localTarget' as const, citation: `Partnership ${citation}` });
const crisisStandard = {
  basis: 'localTarget' as const,
  citation:
    "NHS England, Children and young people's mental health crisis: proposed access standards (consultation, " +
    '2021); a local target here',
};
const PROTOCOL = 'escalation protocol (the CAMHS plan: Bronze, Silver and Gold with delegated authority)';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The young person, in the month they presented. */
function presentation(r: Crisis, holds: (d: CrisisDetails) => boolean, value?: number): Occurrence[] {
  const d = r.details;
  if (!d?.presentedAt || !holds(d)) return [];
  return [{ month: londonMonthOf(d.presentedAt), ...(value !== undefined ? { value } : {}) }];
}

/**
 * Hours a young person spent at a level, over the stays there that ended (a later move, up or down, or
 * discharge, which steps down to Bronze); undefined when they never left it (or never reached it).
 */
export function hoursAtLevel(d: CrisisDetails, level: Level): number | undefined {
  let hours = 0;
  let stays = 0;
  let since: string | undefined;
  for (const change of d.levelChanges ?? []) {
    if (since !== undefined && change.from === level) {
      hours += hoursBetween(new Date(since), new Date(change.at));
      stays++;
      since = undefined;
    }
    if (change.to === level) since = change.at;
  }
  return stays && since === undefined ? round2(hours) : undefined;
}

export const escalatedToSilver = (d: CrisisDetails) =>
  (d.levelChanges ?? []).some((x) => x.to === 'silver' && x.from === 'bronze');
export const escalatedToGold = (d: CrisisDetails) => (d.levelChanges ?? []).some((x) => x.to === 'gold');

export const crisisEscalationMeasures: ProcessMeasures<Crisis> = checkMeasures<Crisis>({
  process: PROCESS_ID,
  title: 'Mental health crisis (Bronze, Silver and Gold)',
  measures: [
    {
      kind: 'count',
      id: 'presentations',
      title: 'Presentations in crisis',
      counts: 'young people who presented in crisis',
      definition: 'Young people who presented in mental health crisis, in the London month they presented',
      source: local(PROTOCOL),
      breakdowns: [
        {
          id: 'setting',
          title: 'By where they presented',
          groups: presentationSettings.map((id) => ({ id, words: settingWords[id] })),
        },
        { id: 'routeIn', title: 'By how the presentation came', groups: routesIn.map((id) => ({ id })) },
      ],
      count: (r) => {
        const d = r.details;
        return d?.presentedAt
          ? [{ month: londonMonthOf(d.presentedAt), groups: { setting: d.setting, routeIn: d.routeIn } }]
          : [];
      },
    },
    {
      kind: 'count',
      id: 'very-urgent',
      title: 'Very urgent presentations',
      counts: 'young people whose presentation was very urgent',
      definition: 'Young people whose presentation was very urgent, in the month they presented',
      source: crisisStandard,
      count: (r) => presentation(r, (d) => d.urgency === 'veryUrgent'),
    },
    {
      kind: 'share',
      id: 'assessed-within-4-hours',
      title: 'Very urgent: assessed face to face within 4 hours',
      of: 'very-urgent',
      numerator: 'very urgent presentations assessed face to face within 4 hours',
      definition:
        'Of the very urgent presentations of the month, those whose face-to-face crisis assessment was within ' +
        '4 hours (real hours, day and night)',
      source: crisisStandard,
      count: (r) => presentation(r, (d) => d.urgency === 'veryUrgent' && !!d.assessment?.withinTarget),
    },
    {
      kind: 'count',
      id: 'urgent',
      title: 'Urgent presentations',
      counts: 'young people whose presentation was urgent',
      definition: 'Young people whose presentation was urgent, in the month they presented',
      source: crisisStandard,
      count: (r) => presentation(r, (d) => d.urgency === 'urgent'),
    },
    {
      kind: 'share',
      id: 'assessed-within-24-hours',
      title: 'Urgent: assessed face to face within 24 hours',
      of: 'urgent',
      numerator: 'urgent presentations assessed face to face within 24 hours',
      definition: 'Of the urgent presentations of the month, those assessed face to face within 24 hours',
      source: crisisStandard,
      count: (r) => presentation(r, (d) => d.urgency === 'urgent' && !!d.assessment?.withinTarget),
    },
    {
      kind: 'share',
      id: 'escalated-to-silver',
      title: 'Escalated to Silver',
      of: 'presentations',
      numerator: 'young people escalated from Bronze to Silver',
      definition: 'Of the young people who presented in the month, those escalated from Bronze to Silver',
      source: local(PROTOCOL),
      count: (r) => presentation(r, escalatedToSilver),
    },
    {
      kind: 'share',
      id: 'escalated-to-gold',
      title: 'Escalated to Gold',
      of: 'presentations',
      numerator: 'young people escalated to Gold',
      definition: 'Of the young people who presented in the month, those escalated to Gold',
      source: local(PROTOCOL),
      count: (r) => presentation(r, escalatedToGold),
    },
    {
      kind: 'values',
      id: 'hours-at-silver',
      title: 'Time at Silver',
      unit: 'hours',
      counts: 'young people whose time at Silver ended, and their hours at Silver',
      definition:
        'For the young people who presented in the month and whose time at Silver has ended (moved to Gold, ' +
        'stepped down or discharged): the hours at Silver, median and total',
      source: local(PROTOCOL),
      count: (r) => {
        const h = r.details ? hoursAtLevel(r.details, 'silver') : undefined;
        return h === undefined ? [] : presentation(r, () => true, h);
      },
    },
    {
      kind: 'values',
      id: 'hours-at-gold',
      title: 'Time at Gold',
      unit: 'hours',
      counts: 'young people whose time at Gold ended, and their hours at Gold',
      definition:
        'For the young people who presented in the month and whose time at Gold has ended: the hours at Gold, ' +
        'median and total',
      source: local(PROTOCOL),
      count: (r) => {
        const h = r.details ? hoursAtLevel(r.details, 'gold') : undefined;
        return h === undefined ? [] : presentation(r, () => true, h);
      },
    },
    {
      kind: 'values',
      id: 'delayed-discharge-hours',
      title: 'Delayed discharge from an acute bed',
      unit: 'hours',
      counts: 'young people who left an acute bed after being medically fit, and the hours between',
      definition:
        'For the young people who presented in the month and have left the acute bed after being medically fit ' +
        'for discharge: the hours from medically fit to leaving, median and total',
      source: local('escalation protocol: still in an acute bed 24 hours after medically fit, Silver; 72, Gold'),
      count: (r) => presentation(r, (d) => d.hoursDelayed !== undefined, r.details?.hoursDelayed),
    },
    {
      kind: 'share',
      id: 'tier4-referrals',
      title: 'Tier 4 referrals',
      of: 'presentations',
      numerator: 'young people referred to the regional Tier 4 coordination hub',
      definition: 'Of the young people who presented in the month, those referred for a Tier 4 bed',
      source: local('escalation protocol'),
      count: (r) => presentation(r, (d) => !!d.tier4),
    },
    ...clockMeasures<Crisis>({
      dueId: 'first-bronze-meetings-due',
      withinId: 'first-bronze-meetings-within-1-working-day',
      clockDefinitionId: FIRST_BRONZE_MEETING,
      dueTitle: 'First Bronze meetings due',
      withinTitle: 'First Bronze meeting within 1 working day',
      counts: 'first Bronze MDT meetings that fell due',
      within: 'first meetings held within 1 working day of the presentation',
      definition:
        'Of the first Bronze MDT meetings that fell due in the month, those held within 1 working day of the ' +
        'presentation',
      source: local('escalation protocol: Bronze first meets within 1 working day of the presentation'),
    }),
    {
      kind: 'count',
      id: 'bronze-meetings-due',
      title: 'Bronze meetings due on the cadence',
      counts: 'Bronze MDT meetings the cadence asked for (daily while Red, weekly while Amber)',
      definition:
        'Bronze MDT meetings due on the cadence (daily while rated Red, weekly while Amber), in the month due',
      source: local('escalation protocol: the MDT meets daily while Red and weekly while Amber'),
      count: (r) => (r.details?.cadence ?? []).map((c) => ({ month: londonMonthOf(c.dueAt) })),
    },
    {
      kind: 'share',
      id: 'bronze-meetings-on-cadence',
      title: 'Bronze meetings held on cadence',
      of: 'bronze-meetings-due',
      numerator: 'meetings due on the cadence that were held',
      definition: 'Of the Bronze MDT meetings the cadence asked for in the month, those held in their day or week',
      source: local('escalation protocol: the MDT meets daily while Red and weekly while Amber'),
      count: (r) => (r.details?.cadence ?? []).filter((c) => c.held).map((c) => ({ month: londonMonthOf(c.dueAt) })),
    },
    ...clockMeasures<Crisis>({
      dueId: 'silver-meetings-due',
      withinId: 'silver-meetings-within-1-working-day',
      clockDefinitionId: SILVER_MEETING,
      dueTitle: 'Silver meetings due',
      withinTitle: 'Silver met within 1 working day',
      counts: 'Silver meetings that fell due after an escalation',
      within: 'Silver meetings held within 1 working day of the escalation',
      definition:
        'Of the Silver meetings that fell due in the month, those held within 1 working day of the escalation',
      source: local('escalation protocol: Silver meets within 1 working day of the escalation (a local target)'),
    }),
    ...clockMeasures<Crisis>({
      dueId: 'gold-meetings-due',
      withinId: 'gold-meetings-within-24-hours',
      clockDefinitionId: GOLD_MEETING,
      dueTitle: 'Gold meetings due',
      withinTitle: 'Gold met within 24 hours',
      counts: 'Gold meetings that fell due after an escalation',
      within: 'Gold meetings held within 24 hours of the escalation',
      definition: 'Of the Gold meetings that fell due in the month, those held within 24 hours of the escalation',
      source: local('escalation protocol: Gold meets within 24 hours of the escalation (a local target)'),
    }),
    ...clockMeasures<Crisis>({
      dueId: 'care-reviews-due',
      withinId: 'care-reviews-within-timescale',
      clockDefinitionId: POST_ADMISSION_REVIEW,
      dueTitle: 'Care, Education and Treatment Reviews due after admission',
      withinTitle: 'Care, Education and Treatment Reviews within timescale',
      counts: 'Care, Education and Treatment Reviews due after a Tier 4 admission',
      within: 'reviews held within 5 working days of the admission',
      definition:
        'Of the Care, Education and Treatment Reviews that fell due in the month after an autistic young person ' +
        'or one with a learning disability was admitted, those held within 5 working days',
      source: {
        basis: 'localTarget',
        citation:
          'NHS England, Care, Education and Treatment Reviews: code and toolkit (2017); the partnership reviews ' +
          'within 5 working days of an admission',
      },
    }),
  ],
});

/** The measures as the process's folder exports them (index.ts; workflows/measures.ts lists them for the board). */
export { crisisEscalationMeasures as measures };
