/**
 * Operation Encompass: what each role sees of a notification, and the figures across cases (who may
 * read and record is in access.ts).
 */
import { formatLondon, londonDateOf } from '#core/calendar/index';
import { checkpointInstant } from '#core/clocks/engine';
import { type ClockStateAnswer, clockStateOf } from '#core/clocks/state';
import { type Cell, type CountSheet, table } from '#core/figures/suppression';
import type { Actor } from '#core/identity/actor';
import type { CaseReading, ProcessViews } from '#core/process/definition';
import type { CaseRecord } from '#core/process/model';
import { KEY_ADULT_CLOCK } from './clocks';
import { type EncompassDetails, NOT_KNOWN } from './details';
import { expectedSteps } from './steps';

type Record_ = CaseRecord<EncompassDetails>;

/** The school of a notification whose school the local authority has not found yet. */
const NOT_YET_FOUND = 'not yet found';

/** Who a notification's checkpoints tell, in words. */
export const recipientWords: Record<string, string> = {
  keyAdult: "the school's Key Adult",
  deputy: 'the deputy Key Adult',
  laSafeguardingLead: "the local authority's education safeguarding lead",
  policeCoordinator: 'the police Operation Encompass coordinator',
};

/** An escalation made because a notification was not acknowledged in time: when, who was told, in words. */
export interface EscalationMade {
  checkpoint: string;
  kind: 'warning' | 'escalation';
  at: string;
  told: string[];
  words: string;
}

const listWords = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');

/**
 * The reminders and escalations a notification's Key Adult clock has made (its checkpoints reached that
 * tell someone), each at its instant with who was told, as the partnership runs the clock.
 */
export function escalationsOf(record: Record_, reading: CaseReading): EscalationMade[] {
  const clock = record.clocks[KEY_ADULT_CLOCK];
  const definition = reading.clocks.find((c) => c.id === clock?.definitionId);
  if (!clock || !definition) return [];
  return definition.checkpoints
    .filter((cp) => clock.reached.includes(cp.id) && cp.recipients.length && cp.kind !== 'due')
    .map((cp) => {
      const at = checkpointInstant(clock, cp, reading.calendars);
      const told = cp.recipients.map((r) => recipientWords[r] ?? r);
      const when = formatLondon(at);
      return {
        checkpoint: cp.id,
        kind: cp.kind === 'escalation' ? ('escalation' as const) : ('warning' as const),
        at: at.toISOString(),
        told,
        words:
          cp.kind === 'escalation'
            ? `Not yet acknowledged on ${when}: ${listWords(told)} told`
            : `Reminder on ${when} to ${listWords(told)}`,
      };
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * A notification as it stands: its deadline's one state (overdue and how late; acknowledged late is met
 * late) and the escalations made.
 */
export function notificationSummary(
  record: Record_,
  reading: CaseReading,
): { deadline: ClockStateAnswer | null; escalations: EscalationMade[] } {
  const clock = record.clocks[KEY_ADULT_CLOCK];
  return {
    deadline: clock ? clockStateOf(clock, reading.now, reading.calendars) : null,
    escalations: escalationsOf(record, reading),
  };
}

export const views: ProcessViews<EncompassDetails> = {
  /** What is expected next on a case, as the rules would accept it (steps.ts). */
  expectedSteps,
  caseSummary: notificationSummary,
  viewFor(actor: Actor, record: Record_): unknown {
    const d = record.details;
    const clock = record.clocks[KEY_ADULT_CLOCK];
    const status =
      d.administratorClosure || (record.status === 'closed' && !d.acknowledgement)
        ? 'closed'
        : d.acknowledgement
          ? 'acknowledged'
          : d.heldUntil
            ? 'heldOverHoliday'
            : d.school
              ? 'waiting'
              : 'findingSchool';
    if (actor.role === 'school-key-adult') {
      return {
        school: d.school?.name,
        child: d.child,
        policeAttendedAt: d.attendedAt,
        policeContact: d.policeContact,
        deadline: clock?.dueAt ?? null,
        status,
        acknowledgement: d.acknowledgement
          ? { at: d.acknowledgement.at, supportOffered: d.acknowledgement.supportOffered ?? null }
          : null,
      };
    }
    if (actor.role === 'police') {
      // Police see the status of their notification, never the school's notes.
      return {
        forceIncidentReference: d.forceIncidentReference,
        child: d.child,
        schoolUrn: d.school?.urn ?? null,
        deadline: clock?.dueAt ?? null,
        status,
        acknowledgedAt: d.acknowledgement?.at ?? null,
      };
    }
    return d;
  },
  figures(records: Record_[], sheet: CountSheet) {
    // Every figure here is broken down below the partnership (by school or local authority, and London
    // month), so each count is a cell of the answer's sheet: the schools of one authority in one month add
    // up to its row, and each count within a row is counted within its notifications. No per-case row:
    // a notification's month beside its school and authority could point to a child.
    type Tally = {
      month: string;
      localAuthorityCode: string;
      schoolUrn: string;
      notifications: number;
      acknowledgedBeforeSchoolStart: number;
      minutes: number[];
      escalations: number;
      heldOverHolidays: number;
      unknownSchools: number;
      daysToFind: number[];
    };
    const schools = new Map<string, Tally>();
    for (const r of records) {
      const d = r.details;
      const month = londonDateOf(new Date(d.attendedAt)).slice(0, 7);
      const schoolUrn = d.school?.urn ?? NOT_YET_FOUND;
      const key = `${month}|${d.localAuthorityCode}|${schoolUrn}`;
      let t = schools.get(key);
      if (!t) {
        t = {
          month,
          localAuthorityCode: d.localAuthorityCode,
          schoolUrn,
          notifications: 0,
          acknowledgedBeforeSchoolStart: 0,
          minutes: [],
          escalations: 0,
          heldOverHolidays: 0,
          unknownSchools: 0,
          daysToFind: [],
        };
        schools.set(key, t);
      }
      t.notifications++;
      if (d.acknowledgement) {
        if (d.acknowledgement.beforeSchoolStart) t.acknowledgedBeforeSchoolStart++;
        if (d.notifiedAt)
          t.minutes.push((new Date(d.acknowledgement.at).getTime() - new Date(d.notifiedAt).getTime()) / 60000);
      }
      if (d.escalated) t.escalations++;
      if (d.heldOverHoliday) t.heldOverHolidays++;
      if (d.schoolUrnGiven === NOT_KNOWN || d.schoolFoundAfterWorkingDays !== undefined) t.unknownSchools++;
      if (d.schoolFoundAfterWorkingDays !== undefined) t.daysToFind.push(d.schoolFoundAfterWorkingDays);
    }
    const COUNTS = [
      'notifications',
      'acknowledgedBeforeSchoolStart',
      'escalations',
      'heldOverHolidays',
      'unknownSchools',
    ] as const;
    type Cells = Record<(typeof COUNTS)[number], Cell>;
    const figuresOf = (cells: Cells, minutes: number[], daysToFind: number[]) => {
      for (const part of [cells.escalations, cells.heldOverHolidays, cells.unknownSchools])
        sheet.within(cells.notifications, part);
      return {
        notifications: cells.notifications,
        acknowledgedBeforeSchoolStart: cells.acknowledgedBeforeSchoolStart,
        shareAcknowledgedBeforeSchoolStart: sheet.share(cells.acknowledgedBeforeSchoolStart, cells.notifications),
        medianMinutesToAcknowledge: sheet.median(minutes),
        escalations: cells.escalations,
        heldOverHolidays: cells.heldOverHolidays,
        unknownSchools: cells.unknownSchools,
        medianWorkingDaysToFindSchool: sheet.median(daysToFind),
      };
    };
    const sorted = [...schools.values()].sort((a, b) =>
      `${a.month}|${a.localAuthorityCode}|${a.schoolUrn}`.localeCompare(
        `${b.month}|${b.localAuthorityCode}|${b.schoolUrn}`,
      ),
    );
    const schoolCells = sorted.map((t) => Object.fromEntries(COUNTS.map((k) => [k, sheet.count(t[k])])) as Cells);
    const bySchool = sorted.map((t, i) => ({
      month: t.month,
      schoolUrn: t.schoolUrn,
      localAuthorityCode: t.localAuthorityCode,
      ...figuresOf(schoolCells[i]!, t.minutes, t.daysToFind),
    }));
    const authorities = [...new Set(sorted.map((t) => `${t.month}|${t.localAuthorityCode}`))];
    const byLocalAuthority = authorities.map((key) => {
      const members = sorted
        .map((t, i) => ({ t, cells: schoolCells[i]! }))
        .filter(({ t }) => `${t.month}|${t.localAuthorityCode}` === key);
      const cells = Object.fromEntries(COUNTS.map((k) => [k, sheet.totalOf(members.map((m) => m.cells[k]))])) as Cells;
      const [month, localAuthorityCode] = key.split('|') as [string, string];
      return {
        month,
        localAuthorityCode,
        ...figuresOf(
          cells,
          members.flatMap((m) => m.t.minutes),
          members.flatMap((m) => m.t.daysToFind),
        ),
      };
    });
    return { bySchool: table(bySchool), byLocalAuthority: table(byLocalAuthority) };
  },
};
