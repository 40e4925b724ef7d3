/**
 * Crisis escalation: the chairs' board and the Bronze working group's non-identifiable view.
 *
 *   GET /app/crisis                  the Bronze chair: open escalations by level (Gold, Silver, Bronze),
 *                                    hours delayed since medically fit, the next meeting due, and links to
 *                                    record meetings and decisions (the case's event forms, web/pages/cases.ts)
 *   GET /app/crisis/working-group    the working group: the same board by pseudonymous case code only,
 *                                    from the process's figures (no name, no date of birth, no reference)
 *                                    and its open clocks, with the figures by month and the themes
 *
 * Everything is read through the API as the signed-in person: the chair reads the cases of their
 * organisation (audited reads); the working group only figures and open clocks, which carry case codes.
 */
import { hoursBetween } from '#core/calendar/index';
import { BRONZE_CADENCE, DELAYED_DISCHARGE, FIRST_BRONZE_MEETING, GOLD_MEETING, levels, levelWords, PROCESS_ID, ratingWords, SILVER_MEETING, type CrisisDetails, type Level, type Rating } from '#workflows/crisis-escalation/contract';
import { segment } from '../api-client';
import { humanise } from '../render';
import { monthLabel } from '../dashboard/chart';
import type { PageContext, PageModule } from '../app';

const PREFIX = '/app';

/** Theme values whose words are not their id humanised. */
const THEME_KEY_WORDS: Record<string, string> = { gp: 'GP', self: 'By themselves', family: 'With their family', tier4Admission: 'Tier 4 admission' };

const THEME_WORDS: Record<string, string> = { setting: 'Where young people presented', routeIn: 'How the presentation came', dischargeOutcome: 'Where young people went on discharge', highestLevel: 'Highest level reached' };

interface OpenClock {
  caseId: string;
  caseCode: string;
  definitionId: string;
  title: string;
  status: string;
  startedAt: string;
  dueAt: string;
  overdue: boolean;
}

/** The meetings a chair records on the board, by the level the escalation is at. */
const MEETING_EVENT: Record<Level, { type: string; text: string }> = {
  bronze: { type: 'bronzeMeetingHeld', text: 'Record a Bronze meeting' },
  silver: { type: 'silverMeetingHeld', text: 'Record the Silver meeting' },
  gold: { type: 'goldMeetingHeld', text: 'Record the Gold meeting' },
};
/** The meeting clocks, soonest due shown as "next meeting". */
const MEETING_CLOCKS = [FIRST_BRONZE_MEETING, BRONZE_CADENCE, SILVER_MEETING, GOLD_MEETING];

/** Hours, to one decimal place, as the board says them: "30.5 hours". */
export const hoursText = (hours: number | null | undefined): string => (hours === null || hours === undefined ? '' : `${Math.round(hours * 10) / 10} ${Math.round(hours * 10) / 10 === 1 ? 'hour' : 'hours'}`);

/** Gold first: the board reads from the most serious level down. */
const LEVEL_ORDER: Level[] = [...levels].reverse();

async function openClocks(ctx: PageContext) {
  return ctx.api.get<{ clocks: OpenClock[] }>(`/processes/${PROCESS_ID}/clocks`);
}

/** Hours since the young person was medically fit for discharge while still in the acute bed (the delayed-discharge clock, open). */
function hoursDelayedNow(clocks: OpenClock[], now: Date): number | null {
  const delayed = clocks.find((c) => c.definitionId === DELAYED_DISCHARGE);
  return delayed ? hoursBetween(new Date(delayed.startedAt), now) : null;
}

function nextMeeting(clocks: OpenClock[]): OpenClock | undefined {
  return clocks.filter((c) => MEETING_CLOCKS.includes(c.definitionId)).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}

export const crisisPages: PageModule = () => [
  {
    method: 'GET',
    path: '/crisis',
    access: ['crisis-chair'],
    nav: { text: 'Escalation board', order: 40, description: 'Young people in crisis by escalation level, with hours delayed and the next meeting; record meetings and decisions.' },
    async handle(ctx) {
      const open = await openClocks(ctx);
      if (open.status !== 200) return ctx.problem(open);
      const byCase = new Map<string, OpenClock[]>();
      for (const c of open.body.clocks) byCase.set(c.caseId, [...(byCase.get(c.caseId) ?? []), c]);
      const now = ctx.now();
      const rows: Record<Level, unknown[]> = { bronze: [], silver: [], gold: [] };
      for (const [caseId, clocks] of byCase) {
        // The chair's own read of the case (audited by the API): its level, rating and where it stands.
        const read = await ctx.api.get<{ caseCode: string; stage: string; status: string; details: CrisisDetails }>(`/cases/${segment(caseId)}`);
        if (read.status !== 200) continue;
        const d = read.body.details;
        const level: Level = levels.includes(d.level) ? d.level : 'bronze';
        const next = nextMeeting(clocks);
        const delayed = hoursDelayedNow(clocks, now);
        rows[level].push({
          caseId,
          caseCode: read.body.caseCode,
          rating: ratingWords[d.rating as Rating] ?? d.rating,
          hoursDelayed: delayed,
          hoursDelayedText: delayed === null ? (d.medicallyFitAt ? 'Left the acute bed' : 'Not yet medically fit') : hoursText(delayed),
          nextMeeting: next ? { title: next.title, dueAt: next.dueAt, overdue: next.overdue } : undefined,
          href: `${PREFIX}/cases/${segment(caseId)}`,
          record: [MEETING_EVENT[level], ...(level === 'bronze' ? [] : [{ type: 'steppedDown', text: 'Record a step down' }])].map((e) => ({ ...e, href: `${PREFIX}/cases/${segment(caseId)}/record/${e.type}` })),
        });
      }
      // Within a level, the longest delayed first, then the meeting due soonest.
      const sorted = LEVEL_ORDER.map((level) => ({
        level,
        title: levelWords[level],
        rows: (rows[level] as { hoursDelayed: number | null; nextMeeting?: { dueAt: string } }[]).sort((a, b) => (b.hoursDelayed ?? -1) - (a.hoursDelayed ?? -1) || String(a.nextMeeting?.dueAt ?? '~').localeCompare(String(b.nextMeeting?.dueAt ?? '~'))),
      }));
      return ctx.render('crisis/board.njk', { title: 'Escalation board', levels: sorted, total: byCase.size });
    },
  },
  {
    method: 'GET',
    path: '/crisis/working-group',
    access: ['crisis-working-group', 'crisis-chair', 'commissioner', 'partnership-administrator'],
    nav: { text: 'Working group view', order: 45, description: 'Escalations by level and the figures by month, by case code only: nothing that identifies a young person.' },
    async handle(ctx) {
      const figures = await ctx.api.get<{ caseFigures: { caseCode: string; status: string; level: Level; rating: Rating; month: string; hoursDelayed: number | null; highestLevel: Level }[]; byMonth: Record<string, unknown>[]; themes: Record<string, Record<string, number | string>> }>(`/processes/${PROCESS_ID}/figures`);
      if (figures.status !== 200) return ctx.problem(figures);
      const open = await openClocks(ctx);
      const clocksByCode = new Map<string, OpenClock[]>();
      if (open.status === 200) for (const c of open.body.clocks) clocksByCode.set(c.caseCode, [...(clocksByCode.get(c.caseCode) ?? []), c]);
      const now = ctx.now();
      const openCases = figures.body.caseFigures.filter((c) => c.status === 'open');
      const board = LEVEL_ORDER.map((level) => ({
        level,
        title: levelWords[level],
        rows: openCases
          .filter((c) => c.level === level)
          .map((c) => {
            const clocks = clocksByCode.get(c.caseCode) ?? [];
            const delayed = hoursDelayedNow(clocks, now);
            const next = nextMeeting(clocks);
            return { caseCode: c.caseCode, rating: ratingWords[c.rating] ?? c.rating, month: c.month, hoursDelayed: delayed, hoursDelayedText: delayed === null ? '' : hoursText(delayed), nextMeeting: next ? { title: next.title, dueAt: next.dueAt, overdue: next.overdue } : undefined };
          })
          .sort((a, b) => (b.hoursDelayed ?? -1) - (a.hoursDelayed ?? -1) || a.caseCode.localeCompare(b.caseCode)),
      }));
      const shown = (v: unknown) => (v === null || v === undefined ? '' : String(v));
      const share = (v: unknown) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : v === null || v === undefined ? 'none' : String(v));
      const months = figures.body.byMonth.map((m) => {
        const delayed = (m.hoursDelayedDischarge ?? {}) as Record<string, unknown>;
        return [monthLabel(String(m.month)), shown(m.presentations), share(m.shareVeryUrgentAssessedWithin4Hours), share(m.shareUrgentAssessedWithin24Hours), shown(m.escalationsToSilver), shown(m.escalationsToGold), shown(delayed.median), shown(delayed.total), share(m.shareBronzeMeetingsOnCadence)];
      });
      const themes = Object.entries(figures.body.themes ?? {}).map(([theme, counts]) => ({ title: THEME_WORDS[theme] ?? humanise(theme), rows: Object.entries(counts).map(([key, count]) => [THEME_KEY_WORDS[key] ?? humanise(key), shown(count)]) }));
      return ctx.render('crisis/working-group.njk', { title: 'Working group view', board, months, themes });
    },
  },
];
