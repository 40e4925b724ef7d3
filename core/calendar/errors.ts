/**
 * Thrown when a calendar question goes beyond what the calendar knows
 * (a year outside the working-day calendar's range, a school year with no
 * term dates...). The calendar never guesses: the caller must load the
 * missing data or surface the gap to a person.
 */
export class CalendarCoverageError extends Error {
  /**
   * A sentence naming exactly what is missing, e.g.
   * "term dates for school year 2028/29 of term calendar Riverside LA 330 (used by Oak Primary, URN 100001)".
   */
  readonly missing: string;

  constructor(missing: string) {
    super(`Calendar does not cover this: missing ${missing}`);
    this.name = 'CalendarCoverageError';
    this.missing = missing;
  }
}
