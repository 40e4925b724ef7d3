/**
 * Operation Encompass: the board's measures, each defined once (core/measures/measure.ts). Every
 * notification is counted in the London month police attended, so each share is of the notifications
 * of its month; by school, with the school's name (a school is not a child), small numbers suppressed
 * with the rest of the board.
 */
import { checkMeasures, londonMonthOf, type Occurrence, type ProcessMeasures } from '#core/measures/measure';
import type { CaseRecord } from '#core/process/model';
import { KEY_ADULT_CLOCK } from './clocks';
import { type EncompassDetails, PROCESS_ID } from './details';

type Notification = CaseRecord<EncompassDetails>;

/** The group of a notification whose school the local authority has not found yet. */
export const SCHOOL_NOT_YET_FOUND = 'not yet found';

const standard = {
  basis: 'nationalStandard' as const,
  citation:
    'Operation Encompass: the Key Adult knows before the start of the next school day; Domestic Abuse Act 2021 ' +
    's49A (Victims and Prisoners Act 2024 s20), in force since 7 November 2025',
};

const bySchool = { id: 'school', title: 'By school' };

/** The notification counted in the month police attended, grouped by its school. */
function notification(r: Notification, holds: (d: EncompassDetails) => boolean): Occurrence[] {
  const d = r.details;
  if (!d?.attendedAt || !holds(d)) return [];
  return [{ month: londonMonthOf(d.attendedAt), groups: { school: schoolGroup(d) } }];
}

/** A school's group: its name and URN ('Riverside Primary School (100001)'), or not yet found. */
export const schoolGroup = (d: Pick<EncompassDetails, 'school'>): string =>
  d.school ? `${d.school.name} (${d.school.urn})` : SCHOOL_NOT_YET_FOUND;

/** The Key Adult was told before the start of the next school day: the deadline the Key Adult clock keeps. */
export function toldBeforeSchoolDay(r: Notification): boolean {
  const d = r.details;
  const clock = r.clocks?.[KEY_ADULT_CLOCK];
  return !!(d.notifiedAt && clock && Date.parse(d.notifiedAt) <= Date.parse(clock.dueAt));
}

export const operationEncompassMeasures: ProcessMeasures<Notification> = checkMeasures<Notification>({
  process: PROCESS_ID,
  title: 'Operation Encompass',
  measures: [
    {
      kind: 'count',
      id: 'notifications',
      title: 'Notifications',
      counts: 'children police notified to their school',
      definition:
        'Notifications of a child after police attended domestic abuse (one a child), in the London month ' +
        'police attended',
      source: standard,
      breakdowns: [bySchool],
      count: (r) => notification(r, () => true),
    },
    {
      kind: 'share',
      id: 'told-before-next-school-day',
      title: 'Key Adults told before the next school day',
      of: 'notifications',
      numerator: 'notifications whose school’s Key Adult was told before the next school day started',
      definition:
        'Of the notifications of the month, those whose Key Adult was told before the start of the school’s ' +
        'next school day (by its own term dates, INSET days and start of day); a school not yet found is not told',
      source: standard,
      count: (r) => notification(r, () => toldBeforeSchoolDay(r)),
    },
    {
      kind: 'share',
      id: 'acknowledged',
      title: 'Notifications acknowledged',
      of: 'notifications',
      numerator: 'notifications the Key Adult acknowledged (at any time)',
      definition: 'Of the notifications of the month, those the school’s Key Adult acknowledged, whenever',
      source: standard,
      count: (r) => notification(r, (d) => !!d.acknowledgement),
    },
    {
      kind: 'share',
      id: 'acknowledged-before-school-start',
      title: 'Acknowledged before the school day started',
      of: 'notifications',
      numerator: 'notifications acknowledged before the start of the next school day',
      definition:
        'Of the notifications of the month, those the Key Adult acknowledged before the start of the ' +
        'school’s next school day (the Key Adult clock met)',
      source: standard,
      breakdowns: [bySchool],
      count: (r) => notification(r, (d) => !!d.acknowledgement?.beforeSchoolStart),
    },
    {
      kind: 'share',
      id: 'escalated',
      title: 'Notifications escalated',
      of: 'notifications',
      numerator: 'notifications escalated to the local authority and police (not acknowledged 2 hours into the day)',
      definition:
        'Of the notifications of the month, those not acknowledged 2 hours after the school day started, so ' +
        'the local authority’s safeguarding lead and the police co-ordinator were told',
      source: { basis: 'localTarget', citation: 'Partnership practice: escalate 2 hours after the school day starts' },
      count: (r) => notification(r, (d) => d.escalated),
    },
    {
      kind: 'share',
      id: 'held-over-holiday',
      title: 'Notifications held over a school holiday',
      of: 'notifications',
      numerator: 'notifications held over a school holiday (the school has no holiday cover)',
      definition:
        'Of the notifications of the month, those held until the morning of the next school day because the ' +
        'school has no one reading notifications in its holidays',
      source: { basis: 'localTarget', citation: 'Partnership practice: schools say whether they have holiday cover' },
      count: (r) => notification(r, (d) => d.heldOverHoliday),
    },
  ],
});

/** The measures as the process's folder exports them (index.ts; workflows/measures.ts lists them for the board). */
export { operationEncompassMeasures as measures };
