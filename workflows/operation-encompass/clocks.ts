/** Operation Encompass: its clocks (finding the school; the Key Adult acknowledging before the school day starts). */
import type { ClockCalendars } from '#core/clocks/engine';
import type { ClockDefinition } from '#core/clocks/model';
import type { CaseRecord } from '#core/process/model';
import { schoolCalendarFor } from '#core/schools/term-calendars';
import { checkpointMessages } from '#process-messages/operation-encompass';
import type { EncompassDetails } from './details';

export const FIND_SCHOOL_CLOCK = 'find-school';
/**
 * Measures acknowledgement by the Key Adult; the id is kept from when it was titled 'Key Adult told',
 * so stored cases and figures still match.
 */
export const KEY_ADULT_CLOCK = 'key-adult-told';
/** The case timer that removes the child's details of a notification never acknowledged (see settingsFor). */
export const NOTIFICATION_RETENTION = 'notification-retention';

export const clocks: ClockDefinition[] = [
  {
    id: FIND_SCHOOL_CLOCK,
    title: "Finding the child's school",
    kind: 'workingDays',
    length: 1,
    source: {
      kind: 'localTarget',
      citation:
        'Partnership practice: the local authority finds the school of a child police ' +
        'could not name within 1 working day',
    },
    owner: 'council',
    pausable: false,
    checkpoints: [
      {
        id: 'find-school-due',
        kind: 'due',
        at: { due: true },
        recipients: ['laSafeguardingLead'],
        message: checkpointMessages.findSchoolDue,
      },
    ],
  },
  {
    id: KEY_ADULT_CLOCK,
    title: 'Key Adult has acknowledged before the school day starts',
    kind: 'schoolDays',
    length: 1,
    source: {
      kind: 'nationalStandard',
      citation:
        'Operation Encompass: the Key Adult knows before the start of the next school day; ' +
        'Domestic Abuse Act 2021 s49A (Victims and Prisoners Act 2024 s20): ' +
        'as soon as is reasonably practicable',
    },
    owner: 'school',
    pausable: false,
    checkpoints: [
      { id: 'school-start', kind: 'due', at: { due: true }, recipients: [], message: { subject: '', body: '' } },
      {
        id: 'renotify',
        kind: 'warning',
        at: { afterDueHours: 0.5 },
        recipients: ['keyAdult', 'deputy'],
        message: checkpointMessages.renotify,
      },
      {
        id: 'escalate',
        kind: 'escalation',
        at: { afterDueHours: 2 },
        recipients: ['laSafeguardingLead', 'policeCoordinator'],
        message: checkpointMessages.escalate,
      },
    ],
  },
];

/** The Key Adult clock counts the case's school's days (its term dates, INSET days, start of day). */
export function calendarsFor(record: CaseRecord<EncompassDetails>, base: ClockCalendars): ClockCalendars {
  return record.details?.school ? { ...base, school: schoolCalendarFor(record.details.school) } : base;
}
