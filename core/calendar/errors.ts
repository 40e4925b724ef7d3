/**
 * What a calendar answers when a question goes beyond what it knows.
 *
 * Every such gap is a CalendarCoverageError (also exported as CalendarRangeError): a year outside the
 * working-day calendar's range, a school year with no term dates, a term calendar that is not loaded,
 * a date past year 9999. The calendar never guesses: the caller must load the missing data or surface
 * the gap to a person. The process engine turns it into a refusal (400, `dateOutsideCalendar`) naming
 * the range the calendar knows, never into a failure that repeats for ever.
 */

/** Which kind of gap: what is missing decides who can fill it. */
export type CalendarGap =
  /** A year the working-day calendar (bank holidays, closure days) does not cover. */
  | 'workingDays'
  /** A school year with no term dates in the school's term calendar. An administrator can load them. */
  | 'schoolYear'
  /** A term calendar id that no loaded calendar has. */
  | 'termCalendar'
  /** No school day found within a long stretch: the term dates are incomplete. */
  | 'schoolDays'
  /** A date no calendar can name (before year 1 or after year 9999). */
  | 'dateRange';

export interface CalendarGapDetails {
  gap: CalendarGap;
  /**
   * What the calendar does know, in words and with no field in it, e.g. 'years 2020 to 2035' or
   * 'school years 2025/26 to 2027/28 (term calendar Riverside LA 330)'.
   */
  known: string;
  /** For a missing school year: which, e.g. '2019/20'. */
  schoolYear?: string;
  /** For a school's calendar: the school. */
  school?: { urn: string; name: string };
}

export class CalendarCoverageError extends Error {
  /**
   * A sentence naming exactly what is missing, e.g.
   * "term dates for school year 2028/29 of term calendar Riverside LA 330 (used by Oak Primary, URN 100001)".
   */
  readonly missing: string;
  readonly gap?: CalendarGap;
  /** What the calendar does know (see CalendarGapDetails.known). */
  readonly known?: string;
  readonly schoolYear?: string;
  readonly school?: { urn: string; name: string };
  /** The field of the request whose date the calendar could not reach, when a rule named it. */
  readonly field?: string;

  constructor(missing: string, details?: CalendarGapDetails, field?: string) {
    super(`Calendar does not cover this: missing ${missing}`);
    this.name = 'CalendarCoverageError';
    this.missing = missing;
    if (details) {
      this.gap = details.gap;
      this.known = details.known;
      if (details.schoolYear) this.schoolYear = details.schoolYear;
      if (details.school) this.school = details.school;
    }
    if (field) this.field = field;
  }

  get details(): CalendarGapDetails | undefined {
    if (!this.gap || this.known === undefined) return undefined;
    return {
      gap: this.gap,
      known: this.known,
      ...(this.schoolYear ? { schoolYear: this.schoolYear } : {}),
      ...(this.school ? { school: this.school } : {}),
    };
  }

  /** The same gap, about a field of the request (the first field named is kept). */
  about(field: string): CalendarCoverageError {
    if (this.field) return this;
    const error = new CalendarCoverageError(this.missing, this.details, field);
    error.stack = this.stack;
    return error;
  }

  /**
   * Why the date cannot be used, for the person who sent it: what is missing and what is known.
   * A missing school year says 'no term dates loaded for this school year'.
   */
  get reason(): string {
    if (this.gap === 'schoolYear') {
      const school = this.school ? ` at ${this.school.name} (URN ${this.school.urn})` : '';
      const year = this.schoolYear ?? 'unknown';
      return `no term dates loaded for this school year (${year})${school}; term dates are loaded for ${this.known}`;
    }
    if (this.known !== undefined) return `is outside what the calendar knows (${this.missing}); it knows ${this.known}`;
    return `is outside what the calendar knows: ${this.missing}`;
  }
}

/** The same class under the name the engine's refusals use. */
export { CalendarCoverageError as CalendarRangeError };

/**
 * Run `act`; a calendar gap it meets is rethrown as being about `field`, so the refusal names it.
 * Other errors pass through untouched.
 */
export function aboutField<T>(field: string, act: () => T): T {
  try {
    return act();
  } catch (error) {
    if (error instanceof CalendarCoverageError) throw error.about(field);
    throw error;
  }
}

/**
 * A rule whose calendar gap is about one field: `about('enteredCareAt', (change, payload) => ...)` runs the
 * rule with its arguments, and a calendar gap it meets is refused naming that field (aboutField).
 */
export function about<A extends unknown[], R>(field: string, rule: (...args: A) => R): (...args: A) => R {
  return (...args) => aboutField(field, () => rule(...args));
}
