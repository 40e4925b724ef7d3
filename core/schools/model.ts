/**
 * The school directory: what RightTime knows of a school to tell its Operation Encompass Key Adult in
 * time. Pure types and rules; storage is in functions/store/schools.ts.
 */
import type { LocalDate, TermCalendar } from '../calendar';

export interface Contact {
  name: string;
  email: string;
  phone: string;
}

export const SCHOOL_PHASES = [
  'nursery',
  'primary',
  'middle',
  'secondary',
  'allThrough',
  'special',
  'pupilReferralUnit',
  'sixteenPlus',
  'notApplicable',
] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

export interface School {
  /** Unique reference number from the national schools register: 6 digits. */
  urn: string;
  name: string;
  /** Local authority code (3 digits), e.g. '330'. */
  localAuthorityCode: string;
  phase: SchoolPhase;
  /** The Operation Encompass Key Adult and a deputy. Absent until the contacts file names them. */
  keyAdult?: Contact;
  deputy?: Contact;
  /** The term calendar it follows: its local authority's (`la-<code>`) or its own (academies, independent schools). */
  termCalendarId: string;
  /** Extra INSET or closure days of this school alone. */
  extraInsetDays: LocalDate[];
  /** Start of the school day, 'HH:MM' London time (default 08:30). */
  startOfDay: string;
  /** Someone reads notifications during school holidays. */
  holidayCover: boolean;
  updatedAt: string;
}

/**
 * What a case keeps of its school, so the rules need no further read (names and contacts for alerts).
 * When the school follows a term calendar imported from a council's published dates (not one shipped
 * in config/term-calendars.json), its dates travel with it: the rules step has no store to read them from.
 */
export type SchoolSnapshot = Pick<
  School,
  | 'urn'
  | 'name'
  | 'localAuthorityCode'
  | 'termCalendarId'
  | 'extraInsetDays'
  | 'startOfDay'
  | 'holidayCover'
  | 'keyAdult'
  | 'deputy'
> & {
  termCalendar?: TermCalendar;
};

/** The snapshot of a school, with the imported term calendar it follows (when its calendar was imported). */
export function snapshotOf(school: School, importedCalendar?: TermCalendar): SchoolSnapshot {
  const { urn, name, localAuthorityCode, termCalendarId, extraInsetDays, startOfDay, holidayCover, keyAdult, deputy } =
    school;
  const termCalendar =
    importedCalendar && importedCalendar.id === termCalendarId
      ? {
          termCalendar: {
            id: importedCalendar.id,
            name: importedCalendar.name,
            schoolYears: importedCalendar.schoolYears,
          },
        }
      : {};
  return {
    urn,
    name,
    localAuthorityCode,
    termCalendarId,
    extraInsetDays,
    startOfDay,
    holidayCover,
    ...(keyAdult ? { keyAdult } : {}),
    ...(deputy ? { deputy } : {}),
    ...termCalendar,
  };
}

export const isUrn = (value: string) => /^\d{6}$/.test(value);

/** A UK phone number: digits and spaces, starting 0 (10 or 11 digits) or +44 (then 9 or 10 digits). */
export function isUkPhone(value: string): boolean {
  if (!/^\+?[\d ]+$/.test(value)) return false;
  const compact = value.replace(/ /g, '');
  return /^0\d{9,10}$/.test(compact) || /^\+44\d{9,10}$/.test(compact);
}

/** 'HH:MM', 24-hour clock. */
export const isTimeOfDay = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/** Whether two entries tell the same people under the same name (what open notifications depend on). */
export function sameContacts(
  a: Partial<Pick<School, 'name' | 'keyAdult' | 'deputy'>> | undefined,
  b: Partial<Pick<School, 'name' | 'keyAdult' | 'deputy'>> | undefined,
): boolean {
  const pick = (s: typeof a) => JSON.stringify([s?.name, s?.keyAdult ?? null, s?.deputy ?? null]);
  return pick(a) === pick(b);
}

/**
 * The event a process takes to hear that a school's details changed in the directory: an import or a
 * change tells each open case of the school of a process that takes it (functions/api/routes/notifications.ts
 * tellOpenCases). The file imports' function holds those processes alone (infra/handler-function.ts).
 */
export const SCHOOL_DETAILS_CHANGED = 'schoolDetailsChanged';

/** Does the process take SCHOOL_DETAILS_CHANGED? */
export const hearsOfSchoolChanges = (process: { events: readonly { type: string }[] }): boolean =>
  process.events.some((e) => e.type === SCHOOL_DETAILS_CHANGED);
