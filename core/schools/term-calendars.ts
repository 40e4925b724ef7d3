/**
 * The term calendars schools follow: each local authority's published dates (`la-<code>`) and the own
 * calendars of academies and independent schools. Kept in config/term-calendars.json, validated when
 * loaded: a wrong date there would move every Operation Encompass deadline of the schools that follow it.
 */

import rawTermCalendars from '#config/term-calendars.json';
import {
  CalendarCoverageError,
  isLocalDate,
  type SchoolCalendar,
  type SchoolYearTerms,
  schoolYearOf,
  type TermCalendar,
} from '../calendar';
import { localDate } from '../schema';
import * as z from '../schema/zod';
import type { SchoolSnapshot } from './model';

const termSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, 'must name the term')),
  start: localDate,
  end: localDate,
});

/** '2026/27': the first year, and the next year's last two digits. */
const schoolYearName = z.string().check(
  z.regex(/^\d{4}\/\d{2}$/, "must be a school year written like '2026/27'"),
  z.refine(
    (y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)),
    "must be two consecutive years, like '2026/27'",
  ),
);

const schoolYearSchema = z
  .strictObject({
    year: schoolYearName,
    terms: z.array(termSchema).check(z.minLength(1, 'must list at least one term')),
    insetDays: z.array(localDate),
  })
  .check(
    z.superRefine((entry, ctx) => {
      // Zod still runs this when a field inside has an issue: judge dates only once they are all dates.
      const datesValid =
        entry.terms.every((t) => isLocalDate(t.start) && isLocalDate(t.end)) && entry.insetDays.every(isLocalDate);
      if (!datesValid || !schoolYearName.safeParse(entry.year).success) return;
      entry.terms.forEach((term, i) => {
        if (term.start > term.end)
          ctx.addIssue({
            code: 'custom',
            path: ['terms', i],
            message: `${term.name} starts (${term.start}) after it ends (${term.end})`,
          });
        for (const [field, day] of [
          ['start', term.start],
          ['end', term.end],
        ] as const) {
          if (schoolYearOf(day) !== entry.year)
            ctx.addIssue({
              code: 'custom',
              path: ['terms', i, field],
              message: `${day} is not in school year ${entry.year} (1 September to 31 August)`,
            });
        }
        const before = entry.terms[i - 1];
        if (before && term.start <= before.end) {
          ctx.addIssue({
            code: 'custom',
            path: ['terms', i],
            message:
              before.start <= term.start
                ? `${term.name} (from ${term.start}) overlaps ${before.name} (to ${before.end})`
                : `${term.name} (from ${term.start}) is listed after ${before.name} (from ${before.start}); ` +
                  `list terms in date order`,
          });
        }
      });
      const seen = new Set<string>();
      entry.insetDays.forEach((day, i) => {
        if (seen.has(day)) ctx.addIssue({ code: 'custom', path: ['insetDays', i], message: `${day} is listed twice` });
        seen.add(day);
        if (!entry.terms.some((t) => t.start <= day && day <= t.end))
          ctx.addIssue({
            code: 'custom',
            path: ['insetDays', i],
            message: `${day} is not inside any term of ${entry.year}`,
          });
      });
    }),
  );

const termCalendarSchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and hyphens')),
    name: z.string().check(z.trim(), z.minLength(1, 'must name the calendar')),
    schoolYears: z.array(schoolYearSchema).check(z.minLength(1, 'must list at least one school year')),
  })
  .check(
    z.superRefine((calendar, ctx) => {
      const seen = new Set<string>();
      calendar.schoolYears.forEach((entry, i) => {
        if (seen.has(entry.year))
          ctx.addIssue({
            code: 'custom',
            path: ['schoolYears', i, 'year'],
            message: `school year ${entry.year} is listed twice`,
          });
        seen.add(entry.year);
      });
    }),
  );

const termCalendarsSchema = z.array(termCalendarSchema).check(
  z.superRefine((calendars, ctx) => {
    const seen = new Set<string>();
    calendars.forEach((calendar, i) => {
      if (seen.has(calendar.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `term calendar ${calendar.id} is listed twice` });
      seen.add(calendar.id);
    });
  }),
);

export class TermCalendarsError extends Error {
  override readonly name = 'TermCalendarsError';
  /**
   * Each problem as `path: reason`, e.g. `0.schoolYears.1.terms.2: Spring 2 (from
   * 2027-02-10) overlaps Spring 1 (to 2027-02-12)`.
   */
  constructor(readonly problems: string[]) {
    super(`The term calendars are not valid:\n- ${problems.join('\n- ')}`);
  }
}

/** Validate a list of term calendars; throws TermCalendarsError listing every problem with its path. */
export function parseTermCalendars(raw: unknown): Record<string, TermCalendar> {
  const parsed = termCalendarsSchema.safeParse(raw);
  if (!parsed.success)
    throw new TermCalendarsError(
      parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
    );
  const out: Record<string, TermCalendar> = {};
  for (const calendar of parsed.data) {
    out[calendar.id] = {
      id: calendar.id,
      name: calendar.name,
      schoolYears: calendar.schoolYears.map(
        (y): SchoolYearTerms => ({ year: y.year, terms: y.terms.map((t) => ({ ...t })), insetDays: [...y.insetDays] }),
      ),
    };
  }
  return out;
}

/** The shipped calendars, by id; validated when this module is imported. */
export const termCalendars: Record<string, TermCalendar> = parseTermCalendars(rawTermCalendars);

/**
 * The calendars a school may follow: the shipped ones, and those imported from councils' published
 * dates (an imported calendar of a shipped id replaces it: it holds the shipped years it did not replace).
 */
export function termCalendarsWith(
  imported: readonly TermCalendar[],
  shipped: Record<string, TermCalendar> = termCalendars,
): Record<string, TermCalendar> {
  const all: Record<string, TermCalendar> = { ...shipped };
  for (const calendar of imported)
    all[calendar.id] = { id: calendar.id, name: calendar.name, schoolYears: calendar.schoolYears };
  return all;
}

/** The id of a local authority's own term calendar: `la-330`. */
export const localAuthorityCalendarId = (localAuthorityCode: string) => `la-${localAuthorityCode}`;

/**
 * What the school-day rules need to know of a school: its term calendar (the imported one the snapshot
 * carries, else the shipped one of its id), its own INSET days and its start of day. A calendar id that
 * is not known is a CalendarCoverageError naming it (never a guess).
 */
export function schoolCalendarFor(
  snapshot: SchoolSnapshot,
  calendars: Record<string, TermCalendar> = termCalendars,
): SchoolCalendar {
  const carried = snapshot.termCalendar?.id === snapshot.termCalendarId ? snapshot.termCalendar : undefined;
  const termCalendar =
    carried ?? (Object.hasOwn(calendars, snapshot.termCalendarId) ? calendars[snapshot.termCalendarId] : undefined);
  if (!termCalendar) {
    throw new CalendarCoverageError(
      `term calendar '${snapshot.termCalendarId}', followed by ${snapshot.name} (URN ${snapshot.urn}); ` +
        `known calendars: ${Object.keys(calendars).join(', ') || 'none'}`,
      {
        gap: 'termCalendar',
        known: `the term calendars ${Object.keys(calendars).join(', ') || '(none loaded)'}`,
        school: { urn: snapshot.urn, name: snapshot.name },
      },
    );
  }
  return {
    urn: snapshot.urn,
    name: snapshot.name,
    termCalendar,
    extraInsetDays: [...snapshot.extraInsetDays],
    startOfDay: snapshot.startOfDay,
  };
}
