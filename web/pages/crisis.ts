/**
 * Crisis escalation: the chairs' board and the Bronze working group's non-identifiable view.
 *
 *   GET /app/crisis                  the Bronze chair: open escalations by level (Gold, Silver, Bronze),
 *                                    hours delayed since medically fit, the next meeting due, and links to
 *                                    record meetings and decisions (the case's event forms, web/pages/case.ts)
 *   GET /app/crisis/working-group    the working group: the open clocks by case code only, each with its
 *                                    state and the ISO week it falls due, then the figures by month and
 *                                    the themes (every count suppressed by the API)
 *
 * Everything is read through the API as the signed-in person: the chair reads the cases of their
 * organisation (audited reads), with their exact instants; the working group only figures and open
 * clocks, which carry case codes, clock states and ISO weeks: nothing that, put together, singles out a
 * young person (no presentation time, setting, route in, urgency or rating beside a case code).
 */
import { hoursBetween } from '#core/calendar/index';
import type { PseudonymousClock } from '#core/figures/pseudonymous';
import type { FigureTable, ShareShown, Shown, ValueShown } from '#core/figures/suppression';
import {
  type CrisisDetails,
  DELAYED_DISCHARGE,
  type Level,
  levels,
  levelWords,
  PROCESS_ID,
  type Rating,
  ratingWords,
} from '#workflows/crisis-escalation/contract';
import type { NextMeeting } from '#workflows/crisis-escalation/views';
import { segment } from '../api-client';
import { monthLabel } from '../dashboard/chart';
import { countText, overdueText, periodSortKey, periodText } from '../dashboard/view';
import { humanise } from '../render';
import { type PageContext, type PageModule, PREFIX } from './page';

/** Theme values whose words are not their id humanised. */
const THEME_KEY_WORDS: Record<string, string> = {
  gp: 'GP',
  self: 'By themselves',
  family: 'With their family',
  tier4Admission: 'Tier 4 admission',
};

const THEME_WORDS: Record<string, string> = {
  setting: 'Where young people presented',
  routeIn: 'How the presentation came',
  dischargeOutcome: 'Where young people went on discharge',
  highestLevel: 'Highest level reached',
};

/** A clock of a case as the chair's own read of the case gives it (exact instants: the chair may read the case). */
interface CaseClock {
  id: string;
  title: string;
  status: string;
  startedAt: string;
  dueAt: string;
  stoppedAt: string | null;
}

/** The meetings a chair records on the board, by the level the escalation is at. */
const MEETING_EVENT: Record<Level, { type: string; text: string }> = {
  bronze: { type: 'bronzeMeetingHeld', text: 'Record a Bronze meeting' },
  silver: { type: 'silverMeetingHeld', text: 'Record the Silver meeting' },
  gold: { type: 'goldMeetingHeld', text: 'Record the Gold meeting' },
};

/** Hours, to one decimal place, as the board says them: "30.5 hours". */
export const hoursText = (hours: number | null | undefined): string =>
  hours === null || hours === undefined
    ? ''
    : `${Math.round(hours * 10) / 10} ${Math.round(hours * 10) / 10 === 1 ? 'hour' : 'hours'}`;

/** Gold first: the board reads from the most serious level down. */
const LEVEL_ORDER: Level[] = [...levels].reverse();

async function openClocks(ctx: PageContext) {
  return ctx.api.get<{ asOf: string; clocks: PseudonymousClock[] }>(`/processes/${PROCESS_ID}/clocks`);
}

const isOpen = (c: CaseClock) => ['running', 'paused', 'breached'].includes(c.status) && !c.stoppedAt;

/**
 * Hours since the young person was medically fit for discharge while still in the acute
 * bed (the delayed-discharge clock, open).
 */
function hoursDelayedNow(clocks: CaseClock[], now: Date): number | null {
  const delayed = clocks.find((c) => c.id === DELAYED_DISCHARGE && isOpen(c));
  return delayed ? hoursBetween(new Date(delayed.startedAt), now) : null;
}

/** The working group's figures as the API gives them (every count suppressed there). */
interface WorkingGroupFigures {
  byMonth: FigureTable<{
    month: string;
    presentations: Shown;
    shareVeryUrgentAssessedWithin4Hours: ShareShown;
    shareUrgentAssessedWithin24Hours: ShareShown;
    escalationsToSilver: Shown;
    escalationsToGold: Shown;
    hoursDelayedDischarge: { median: ValueShown; total: ValueShown };
    shareBronzeMeetingsOnCadence: ShareShown;
  }>;
  themes: Record<string, FigureTable<{ value: string; youngPeople: Shown }>>;
}

export const crisisPages: PageModule = () => [
  {
    method: 'GET',
    path: '/crisis',
    access: ['crisis-chair'],
    nav: {
      text: 'Escalation board',
      order: 40,
      description:
        'Young people in crisis by escalation level, with hours delayed and the next meeting; ' +
        'record meetings and decisions.',
    },
    async handle(ctx) {
      const open = await openClocks(ctx);
      if (open.status !== 200) return ctx.problem(open);
      // The open clocks by case code say which cases; each case's own read (audited) gives its exact instants.
      const caseIds = [...new Set(open.body.clocks.map((c) => c.caseId))];
      const now = ctx.now();
      const rows: Record<Level, unknown[]> = { bronze: [], silver: [], gold: [] };
      for (const caseId of caseIds) {
        // The chair's own read of the case (audited by the API): its level, rating, clocks and where it stands.
        const read = await ctx.api.get<{
          caseCode: string;
          stage: string;
          status: string;
          details: CrisisDetails;
          clocks: CaseClock[];
          /** The API's: the meeting next due at the case's level, with its one state. */
          summary?: { nextMeeting?: NextMeeting | null };
        }>(`/cases/${segment(caseId)}`);
        if (read.status !== 200) continue;
        const d = read.body.details;
        const level: Level = levels.includes(d.level) ? d.level : 'bronze';
        const next = read.body.summary?.nextMeeting ?? undefined;
        const delayed = hoursDelayedNow(read.body.clocks, now);
        rows[level].push({
          caseId,
          caseCode: read.body.caseCode,
          rating: ratingWords[d.rating as Rating] ?? d.rating,
          hoursDelayed: delayed,
          hoursDelayedText:
            delayed === null ? (d.medicallyFitAt ? 'Left the acute bed' : 'Not yet medically fit') : hoursText(delayed),
          nextMeeting: next ? { title: next.title, dueAt: next.dueAt, state: next.state, late: next.late } : undefined,
          href: `${PREFIX}/cases/${segment(caseId)}`,
          record: [
            MEETING_EVENT[level],
            ...(level === 'bronze' ? [] : [{ type: 'steppedDown', text: 'Record a step down' }]),
          ].map((e) => ({ ...e, href: `${PREFIX}/cases/${segment(caseId)}/record/${e.type}` })),
        });
      }
      // Within a level, the longest delayed first, then the meeting due soonest.
      const sorted = LEVEL_ORDER.map((level) => ({
        level,
        title: levelWords[level],
        rows: (rows[level] as { hoursDelayed: number | null; nextMeeting?: { dueAt: string } }[]).sort(
          (a, b) =>
            (b.hoursDelayed ?? -1) - (a.hoursDelayed ?? -1) ||
            String(a.nextMeeting?.dueAt ?? '~').localeCompare(String(b.nextMeeting?.dueAt ?? '~')),
        ),
      }));
      return ctx.render('crisis/board.njk', { title: 'Escalation board', levels: sorted, total: caseIds.length });
    },
  },
  {
    method: 'GET',
    path: '/crisis/working-group',
    access: ['crisis-working-group', 'crisis-chair', 'commissioner', 'partnership-administrator'],
    nav: {
      text: 'Working group view',
      order: 45,
      description:
        'Escalations by level and the figures by month, by case code only: nothing that identifies a young person.',
    },
    async handle(ctx) {
      const figures = await ctx.api.get<WorkingGroupFigures>(`/processes/${PROCESS_ID}/figures`);
      if (figures.status !== 200) return ctx.problem(figures);
      const open = await openClocks(ctx);
      if (open.status !== 200) return ctx.problem(open);
      // The board: each case code with its open clocks, their states and the ISO week each falls due.
      const byCode = new Map<string, PseudonymousClock[]>();
      for (const c of open.body.clocks) byCode.set(c.caseCode, [...(byCode.get(c.caseCode) ?? []), c]);
      const board = [...byCode.entries()]
        .map(([caseCode, clocks]) => ({
          caseCode,
          first: clocks.map((c) => periodSortKey(c.due)).sort()[0]!,
          clocks: clocks
            .sort((a, b) => periodSortKey(a.due).localeCompare(periodSortKey(b.due)) || a.title.localeCompare(b.title))
            .map((c) => ({
              title: c.title,
              state: c.state,
              dueText: periodText(c.due),
              overdueText: c.overdue ? overdueText(c.due, open.body.asOf) : '',
            })),
        }))
        .sort((a, b) => a.first.localeCompare(b.first) || a.caseCode.localeCompare(b.caseCode));
      const share = (v: ShareShown) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : v === null ? 'none' : v);
      const value = (v: ValueShown) => (v === null ? '' : String(v));
      type Cell = { text: string; measure?: 'count' | 'share' | 'median' | 'total' };
      const monthCells = (m: WorkingGroupFigures['byMonth']['rows'][number], label: string): Cell[] => [
        { text: label },
        { text: countText(m.presentations), measure: 'count' },
        { text: share(m.shareVeryUrgentAssessedWithin4Hours), measure: 'share' },
        { text: share(m.shareUrgentAssessedWithin24Hours), measure: 'share' },
        { text: countText(m.escalationsToSilver), measure: 'count' },
        { text: countText(m.escalationsToGold), measure: 'count' },
        { text: value(m.hoursDelayedDischarge.median), measure: 'median' },
        { text: value(m.hoursDelayedDischarge.total), measure: 'total' },
        { text: share(m.shareBronzeMeetingsOnCadence), measure: 'share' },
      ];
      const byMonth = figures.body.byMonth;
      const months = [
        ...byMonth.rows.map((m) => monthCells(m, monthLabel(m.month))),
        ...(byMonth.total && byMonth.rows.length ? [monthCells(byMonth.total, 'All months')] : []),
      ];
      const themes = Object.entries(figures.body.themes ?? {}).map(([theme, t]) => ({
        title: THEME_WORDS[theme] ?? humanise(theme),
        rows: t.rows.map((r) => [THEME_KEY_WORDS[r.value] ?? humanise(r.value), countText(r.youngPeople)]),
      }));
      return ctx.render('crisis/working-group.njk', { title: 'Working group view', board, months, themes });
    },
  },
];
