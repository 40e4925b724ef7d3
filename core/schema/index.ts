/**
 * Schema pieces every process shares: dates, instants, references, URNs, names and people. Each
 * refusal says the reason in words a caseworker would recognise; the API names the field.
 *
 * Dates are checked in two layers:
 * - here, in the schema, without knowing the time: the date is a real calendar date inside a broad
 *   window no genuine record leaves (a date of birth from 1 January 1990, anything else from
 *   1 January 2000, nothing after 31 December 2099), so year 1, 217 or 9999 is refused before any rule
 *   runs;
 * - in the rules, where the decision's `now` is known: `dateOutside` / `instantOutside` with limits
 *   such as "today" or "a year from today", thrown as a RuleViolation naming the field and the range.
 *
 * Text is normalised (Unicode NFC, trimmed) and refused when it holds a control character or a broken
 * character, or nothing visible once spaces and invisible characters are set aside.
 */

import { compareLocalDates, isLocalDate, type LocalDate, londonDateOf, londonTimeOf } from '../calendar';
import * as z from './zod';

// ---------------------------------------------------------------------------------------------
// Words for people: what the pages' forms and case pages say of a field (its `.meta()`)
// ---------------------------------------------------------------------------------------------

/**
 * The words a field's `.meta()` gives people, read by the pages (web/forms/schema-form.ts) and never by
 * the rules: its label, hint and values in words, how an error names it, and when it is asked.
 */
export type FieldWords = {
  /** The label (or a group's legend). */
  title?: string;
  /** The hint under the label. */
  description?: string;
  /** Each code of a list in words, e.g. `{ section20: 'Section 20 (accommodated with agreement)' }`. */
  choices?: Record<string, string>;
  /**
   * What an error message calls the field, GOV.UK style: "Enter {errorName}", "{ErrorName} must be ...";
   * e.g. 'the name of the person who carried out the assessment'. Default: made from the title (and its
   * group's errorName: "the name of the social worker").
   */
  errorName?: string;
  /** What it is within its group, for an error made with the group's errorName ("the name of …"). */
  noun?: string;
  /**
   * Asked only when a sibling field has one of these values (a conditional reveal): e.g.
   * `{ legalBasis: 'other' }`, `{ consent: true }`. Otherwise left out of the form's answer.
   */
  when?: Record<string, string | boolean | readonly (string | boolean)[]>;
  /**
   * Required whenever it is asked, though the schema lets it be absent (its refinement asks for it). Not
   * `required`, which JSON Schema (and so the API's OpenAPI document) reads as a list of properties.
   */
  requiredWhenAsked?: boolean;
  /** A start form's page: the title of the section that begins at this top-level field. */
  section?: string;
  /** A date of birth (the hint's example is a date in the past). */
  dateOfBirth?: boolean;
  /**
   * A start form does not ask an opener of these kinds of organisation (`school`, `council`): the value is
   * set to this (null: left out). The rules check it all the same.
   */
  setFor?: Record<string, string | null>;
};

/** A field's words, typed (pass to `.meta()`). */
export const fieldWords = (words: FieldWords): FieldWords => words;

// ---------------------------------------------------------------------------------------------
// Dates in words
// ---------------------------------------------------------------------------------------------

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** '1 January 2000'. */
export function dayInWords(day: LocalDate): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** '14 December 2026 at 10:00' (London time). */
export function instantInWords(at: Date): string {
  return `${dayInWords(londonDateOf(at))} at ${londonTimeOf(at)}`;
}

// ---------------------------------------------------------------------------------------------
// Dates: static windows
// ---------------------------------------------------------------------------------------------

export interface DateWindow {
  /** First day accepted (inclusive). */
  from: LocalDate;
  /** Last day accepted (inclusive). */
  to: LocalDate;
}

/** Dates of birth: children and young people now and for decades to come; never the 1900s before 1990. */
export const BIRTH_DATES: DateWindow = { from: '1990-01-01', to: '2099-12-31' };
/** Anything recorded about a case (entering care, appointments, police attendance...). */
export const RECORD_DATES: DateWindow = { from: '2000-01-01', to: '2099-12-31' };

export const LOCAL_DATE_MESSAGE = 'must be a date written YYYY-MM-DD';

/** A real calendar date written YYYY-MM-DD (no 30 February). */
export const localDate = z.string().check(z.refine(isLocalDate, LOCAL_DATE_MESSAGE));

function windowWords(window: DateWindow): string {
  return `must be a date from ${dayInWords(window.from)} to ${dayInWords(window.to)}`;
}

/** A real date inside a fixed window; the refusal names the window. */
export function localDateWithin(window: DateWindow) {
  return z.string().check(
    z.superRefine((value, ctx) => {
      if (!isLocalDate(value)) ctx.addIssue({ code: 'custom', message: LOCAL_DATE_MESSAGE });
      else if (value < window.from || value > window.to) ctx.addIssue({ code: 'custom', message: windowWords(window) });
    }),
  );
}

/** A date of birth: from 1 January 1990 (the rules add 'not after ...'). */
export const dateOfBirth = localDateWithin(BIRTH_DATES).check(
  z.meta(fieldWords({ title: 'Date of birth', dateOfBirth: true })),
);
/** A date in a case's record: from 1 January 2000 to 31 December 2099 (the rules narrow it). */
export const recordDate = localDateWithin(RECORD_DATES);

export const INSTANT_MESSAGE = 'must be a date and time in ISO-8601 with a time zone, e.g. 2026-12-14T10:30:00Z';
const isoInstant = z.iso.datetime({ offset: true, message: INSTANT_MESSAGE });

/** An instant: ISO-8601 with 'Z' or an offset, normalised to UTC ('2026-12-14T10:30:00.000Z'). */
export function instantWithin(window?: DateWindow) {
  return z.pipe(
    isoInstant.check(
      z.superRefine((value, ctx) => {
        const at = new Date(value);
        if (Number.isNaN(at.getTime()) || !window) return; // a malformed value already has its issue
        const day = londonDateOf(at);
        if (day < window.from || day > window.to) ctx.addIssue({ code: 'custom', message: windowWords(window) });
      }),
    ),
    z.transform((value) => new Date(value).toISOString()),
  );
}

/** Any instant written in ISO-8601 with a time zone, normalised to UTC. */
export const instant = instantWithin();
/** An instant in a case's record: from 1 January 2000 to 31 December 2099 (London days). */
export const recordInstant = instantWithin(RECORD_DATES);

/** An instant a person records, with its words for the pages ("When the referral was made"). */
export const recordInstantAsked = (title: string, errorName: string) =>
  recordInstant.check(z.meta(fieldWords({ title, errorName })));

// ---------------------------------------------------------------------------------------------
// Dates: limits the rules know (relative to now, or to the case)
// ---------------------------------------------------------------------------------------------

/** One end of an accepted range, with the words that say why it is there ('today', 'a year from today'). */
export interface DateLimit {
  day: LocalDate;
  as: string;
}

export interface InstantLimit {
  at: Date;
  as: string;
}

const limitWords = (l: DateLimit) => `${dayInWords(l.day)} (${l.as})`;
const instantLimitWords = (l: InstantLimit) => (l.as === 'now' ? 'now' : `${instantInWords(l.at)} (${l.as})`);

function rangeWords(from: string | undefined, to: string | undefined): string {
  if (from && to) return `must be from ${from} to ${to}`;
  if (from) return `must be on or after ${from}`;
  return `must be on or before ${to}`;
}

/**
 * Why `day` is outside [from, to], naming the accepted range, or undefined when it is inside.
 * e.g. 'must be from 14 December 2026 (the day the child entered care) to 4 January 2028 (a year from today)'.
 */
export function dateOutside(day: LocalDate, limits: { from?: DateLimit; to?: DateLimit }): string | undefined {
  const { from, to } = limits;
  const early = from !== undefined && compareLocalDates(day, from.day) < 0;
  const late = to !== undefined && compareLocalDates(day, to.day) > 0;
  if (!early && !late) return undefined;
  return rangeWords(from && limitWords(from), to && limitWords(to));
}

/** As dateOutside, for an instant: 'must be from 14 December 2026 at 10:00 (when the child entered care) to now'. */
export function instantOutside(at: Date, limits: { from?: InstantLimit; to?: InstantLimit }): string | undefined {
  const { from, to } = limits;
  const early = from !== undefined && at.getTime() < from.at.getTime();
  const late = to !== undefined && at.getTime() > to.at.getTime();
  if (!early && !late) return undefined;
  return rangeWords(from && instantLimitWords(from), to && instantLimitWords(to));
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

export interface TextOptions {
  /** Longest accepted, in UTF-16 code units after normalisation. */
  max: number;
  /** Free text typed in a box (a reason): line breaks and tabs are kept. Names and titles are one line. */
  multiline?: boolean;
}

/** Control characters (C0, DEL, C1); with `multiline`, tab and line breaks are allowed. */
const CONTROL = /\p{Cc}/u;
const CONTROL_EXCEPT_LINES = /(?![\t\n\r])\p{Cc}/u;
/**
 * Characters that show nothing on their own: spaces, format and
 * default-ignorable characters, marks, controls, fillers.
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Cc}\p{Default_Ignorable_Code_Point}\p{M}\u2800\u115F\u1160\u3164\uFFA0]/gu;
/** Trimmed from both ends besides white space: format characters such as zero-width spaces and marks. */
const EDGES = /^[\p{White_Space}\p{Cf}]+|[\p{White_Space}\p{Cf}]+$/gu;

/** String.prototype.isWellFormed (ES2024; Node 20+), typed here because the project's lib is older. */
const isWellFormed = (value: string): boolean =>
  (String.prototype as unknown as { isWellFormed: (this: string) => boolean }).isWellFormed.call(value);

export type TextResult = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Normalise a piece of text a person typed (Unicode NFC, trimmed of spaces and invisible characters at
 * both ends), or say why it cannot be accepted. Never throws.
 */
export function normaliseText(value: string, options: TextOptions): TextResult {
  if (!isWellFormed(value))
    return { ok: false, reason: 'holds a broken character (a lone surrogate); please type it again' };
  if ((options.multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value)) {
    return {
      ok: false,
      reason: options.multiline
        ? 'holds a control character; please type it again as plain text'
        : 'must be one line of plain text, without control characters such as tabs or line breaks',
    };
  }
  const normal = value.normalize('NFC').replace(EDGES, '');
  if (normal.replace(INVISIBLE, '') === '')
    return {
      ok: false,
      reason: 'must have at least one visible character; spaces and invisible characters alone are not enough',
    };
  if (normal.length > options.max) return { ok: false, reason: `must be at most ${options.max} characters` };
  return { ok: true, value: normal };
}

/**
 * Text a person typed, normalised (NFC, trimmed); refused when it has nothing
 * visible, a control character or a broken one.
 */
export function text(options: TextOptions) {
  return z.pipe(
    z.string(),
    z.transform((value, ctx) => {
      const result = normaliseText(value, options);
      if (result.ok) return result.value;
      ctx.issues.push({ code: 'custom', message: result.reason, input: value });
      return z.NEVER;
    }),
  );
}

/** Free text over several lines (decisions, a plan), up to `max` characters. */
export const multilineText = (max: number) => text({ max, multiline: true });

/** An organisation's id in the partnership directory (checked against the directory by the rules). */
export const organisationId = z
  .string()
  .check(z.regex(/^[a-z0-9-]+$/, 'must be an organisation id from the partnership directory'));

/**
 * A choice with an `other` option and a text field beside it for saying what: the text is required when
 * `other` is chosen (and, with `onlyWithOther`, refused with any other choice), the issue on the text
 * field. Use as an object schema's refinement: `.superRefine(otherNeedsItsText('reason', 'reasonText'))`.
 */
export function otherNeedsItsText<C extends string, T extends string>(
  choice: C,
  text: T,
  options: { onlyWithOther?: boolean } = {},
) {
  return (value: { [K in C | T]?: unknown }, ctx: z.core.$RefinementCtx): void => {
    if (value[choice] === 'other' && !value[text])
      ctx.addIssue({ code: 'custom', path: [text], message: `is required when ${choice} is 'other'` });
    if (options.onlyWithOther && value[choice] !== 'other' && value[text])
      ctx.addIssue({ code: 'custom', path: [text], message: `is only for ${choice} 'other'` });
  };
}

/** A person's name: one line, up to 120 characters. */
export const personName = text({ max: 120 }).check(z.meta(fieldWords({ title: 'Full name', noun: 'name' })));

/** An email address, refused with words people read. */
export const emailAddress = z
  .email('must be an email address')
  .check(z.meta(fieldWords({ title: 'Email address', noun: 'email address' })));

/** A person named on a case (a social worker, a manager): name and email. */
export const person = z.strictObject({ name: personName, email: emailAddress });

// ---------------------------------------------------------------------------------------------
// References and codes
// ---------------------------------------------------------------------------------------------

/** An organisation's own reference (a case reference, a police incident reference). */
export const reference = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(40, 'must be at most 40 characters'),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9/-]*$/, 'letters, digits, / and - only'),
  );

export const URN_PATTERN = /^\d{6}$/;
export const URN_MESSAGE = 'must be a 6-digit URN';
/** A school's unique reference number in the national register: 6 digits. */
export const urn = z.string().check(z.regex(URN_PATTERN, URN_MESSAGE));

/** A local authority's code in the national register (e.g. 330): 3 digits. */
export const localAuthorityCode = z.string().check(z.regex(/^\d{3}$/, 'must be 3 digits'));

/** A London wall-clock time of day written HH:MM (e.g. a school's start of day, 08:45). */
export const timeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM'));
