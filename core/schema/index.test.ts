import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOfBirth,
  dateOutside,
  instant,
  instantOutside,
  normaliseText,
  otherNeedsItsText,
  person,
  personName,
  recordDate,
  recordInstant,
  reference,
  text,
  urn,
} from './index';
import * as z from './zod';

const issuesOf = (schema: z.ZodMiniType, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('dates in the schema: a real date inside a window no genuine record leaves', () => {
  it.each([
    // [what, value, record date, date of birth] : undefined = accepted, else the message
    [
      'year 1',
      '0001-01-01',
      'must be a date from 1 January 2000 to 31 December 2099',
      'must be a date from 1 January 1990 to 31 December 2099',
    ],
    [
      'year 217',
      '0217-06-15',
      'must be a date from 1 January 2000 to 31 December 2099',
      'must be a date from 1 January 1990 to 31 December 2099',
    ],
    [
      '1900',
      '1900-01-01',
      'must be a date from 1 January 2000 to 31 December 2099',
      'must be a date from 1 January 1990 to 31 December 2099',
    ],
    [
      '1989, the day before births are accepted',
      '1989-12-31',
      'must be a date from 1 January 2000 to 31 December 2099',
      'must be a date from 1 January 1990 to 31 December 2099',
    ],
    [
      '1990, the first birth date accepted',
      '1990-01-01',
      'must be a date from 1 January 2000 to 31 December 2099',
      undefined,
    ],
    ['2019', '2019-06-01', undefined, undefined],
    ['31 December 2099, the last day', '2099-12-31', undefined, undefined],
    [
      '2100',
      '2100-01-01',
      'must be a date from 1 January 2000 to 31 December 2099',
      'must be a date from 1 January 1990 to 31 December 2099',
    ],
    [
      '9999',
      '9999-12-31',
      'must be a date from 1 January 2000 to 31 December 2099',
      'must be a date from 1 January 1990 to 31 December 2099',
    ],
    ['30 February', '2026-02-30', 'must be a date written YYYY-MM-DD', 'must be a date written YYYY-MM-DD'],
    ['a British date', '05/05/2017', 'must be a date written YYYY-MM-DD', 'must be a date written YYYY-MM-DD'],
  ])('%s', (_what, value, recordMessage, birthMessage) => {
    // Prepare: the two windows. Act
    const record = issuesOf(recordDate, value);
    const birth = issuesOf(dateOfBirth, value);
    // Assess: one issue at most, with the window in words
    expect(record).toEqual(recordMessage ? [{ path: '', message: recordMessage }] : []);
    expect(birth).toEqual(birthMessage ? [{ path: '', message: birthMessage }] : []);
  });
});

describe('instants: ISO-8601 with a time zone, normalised to UTC', () => {
  it.each([
    ['UTC', '2026-12-14T10:00:00Z', '2026-12-14T10:00:00.000Z'],
    ['an offset', '2026-07-14T11:30:00+01:00', '2026-07-14T10:30:00.000Z'],
    ['fractions of a second', '2026-07-14T10:30:00.5Z', '2026-07-14T10:30:00.500Z'],
  ])('%s is accepted and written in UTC', (_what, value, normal) => {
    // Act
    const parsed = recordInstant.safeParse(value);
    // Assess
    expect(parsed).toEqual({ success: true, data: normal });
  });

  it.each([
    [
      'no time zone',
      '2026-12-14T10:00:00',
      'must be a date and time in ISO-8601 with a time zone, e.g. 2026-12-14T10:30:00Z',
    ],
    ['a date only', '2026-12-14', 'must be a date and time in ISO-8601 with a time zone, e.g. 2026-12-14T10:30:00Z'],
    ['year 1', '0001-01-01T00:00:00Z', 'must be a date from 1 January 2000 to 31 December 2099'],
    ['2019 is inside the window (the rules narrow it)', '2019-06-01T20:00:00Z', undefined],
    ['9999', '9999-12-31T23:00:00Z', 'must be a date from 1 January 2000 to 31 December 2099'],
    [
      'the London day decides: 23:30 UTC on 31 Dec 1999 is still 1999 in London',
      '1999-12-31T23:30:00Z',
      'must be a date from 1 January 2000 to 31 December 2099',
    ],
  ])('%s', (_what, value, message) => {
    // Act
    const issues = issuesOf(recordInstant, value);
    // Assess: exactly one reason each
    expect(issues).toEqual(message ? [{ path: '', message }] : []);
  });

  it('an instant outside any window is still normalised', () => {
    expect(instant.parse('1999-01-01T01:00:00+01:00')).toBe('1999-01-01T00:00:00.000Z');
  });
});

describe('limits the rules know, in words', () => {
  const entered = { day: '2026-12-14', as: 'the day the child entered care' };
  const aYearAhead = { day: '2027-12-14', as: 'a year from today' };
  it.each([
    ['inside', '2027-01-10', { from: entered, to: aYearAhead }, undefined],
    ['on the first day', '2026-12-14', { from: entered, to: aYearAhead }, undefined],
    ['on the last day', '2027-12-14', { from: entered, to: aYearAhead }, undefined],
    [
      'the day before',
      '2026-12-13',
      { from: entered, to: aYearAhead },
      'must be from 14 December 2026 (the day the child entered care) to 14 December 2027 (a year from today)',
    ],
    [
      'decades ahead',
      '2056-01-01',
      { from: entered, to: aYearAhead },
      'must be from 14 December 2026 (the day the child entered care) to 14 December 2027 (a year from today)',
    ],
    [
      'only a start',
      '0001-01-01',
      { from: entered },
      'must be on or after 14 December 2026 (the day the child entered care)',
    ],
    ['only an end', '9999-12-31', { to: aYearAhead }, 'must be on or before 14 December 2027 (a year from today)'],
  ])('a date %s', (_what, day, limits, message) => {
    expect(dateOutside(day, limits)).toBe(message);
  });

  it('an instant: the range with London times, and "now"', () => {
    // Prepare
    const from = { at: new Date('2026-12-14T10:00:00Z'), as: 'when the child entered care' };
    const to = { at: new Date('2026-12-16T10:00:00Z'), as: 'now' };
    // Act / Assess
    expect(instantOutside(new Date('2026-12-15T09:00:00Z'), { from, to })).toBeUndefined();
    expect(instantOutside(new Date('2026-12-14T09:59:59Z'), { from, to })).toBe(
      'must be from 14 December 2026 at 10:00 (when the child entered care) to now',
    );
    expect(instantOutside(new Date('2026-12-16T10:00:01Z'), { from, to })).toBe(
      'must be from 14 December 2026 at 10:00 (when the child entered care) to now',
    );
  });
});

describe('text: Unicode NFC, trimmed, and something visible', () => {
  it.each([
    ['a plain name', 'Ava Thompson', 'Ava Thompson'],
    ['spaces around it', '  Ava Thompson  ', 'Ava Thompson'],
    ['non-breaking and ideographic spaces around it', '\u00A0Ava\u3000', 'Ava'],
    ['zero-width spaces around it', '\u200BAva\u200B', 'Ava'],
    ['a decomposed accent becomes one character (NFC)', 'Zoe\u0308', 'Zo\u00EB'],
    ['a joiner inside a script that needs it is kept', 'क्\u200Dष', 'क्\u200Dष'],
    ['an emoji sequence is kept', '👩‍👧 Family', '👩‍👧 Family'],
  ])('%s', (_what, value, expected) => {
    // Act
    const result = normaliseText(value, { max: 120 });
    // Assess
    expect(result).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['empty', '', 'must have at least one visible character; spaces and invisible characters alone are not enough'],
    [
      'only spaces',
      '    ',
      'must have at least one visible character; spaces and invisible characters alone are not enough',
    ],
    [
      'only zero-width characters',
      '\u200B\u200C\u200D\u2060\uFEFF',
      'must have at least one visible character; spaces and invisible characters alone are not enough',
    ],
    [
      'only direction marks',
      '\u200E\u200F\u202A\u202C',
      'must have at least one visible character; spaces and invisible characters alone are not enough',
    ],
    [
      'only a Hangul filler',
      '\u3164',
      'must have at least one visible character; spaces and invisible characters alone are not enough',
    ],
    [
      'only a combining mark',
      '\u0301',
      'must have at least one visible character; spaces and invisible characters alone are not enough',
    ],
    [
      'a bell character',
      'Ava\u0007',
      'must be one line of plain text, without control characters such as tabs or line breaks',
    ],
    [
      'a line break at the end of a name',
      'Ava Thompson\n',
      'must be one line of plain text, without control characters such as tabs or line breaks',
    ],
    [
      'a tab inside',
      'Ava\tThompson',
      'must be one line of plain text, without control characters such as tabs or line breaks',
    ],
    [
      'a C1 control',
      'Ava\u0085',
      'must be one line of plain text, without control characters such as tabs or line breaks',
    ],
    ['a lone high surrogate', 'Ava\uD800', 'holds a broken character (a lone surrogate); please type it again'],
    ['a lone low surrogate', '\uDC00Ava', 'holds a broken character (a lone surrogate); please type it again'],
    ['too long', 'A'.repeat(121), 'must be at most 120 characters'],
  ])('refuses %s', (_what, value, reason) => {
    expect(normaliseText(value, { max: 120 })).toEqual({ ok: false, reason });
  });

  it('free text in a box keeps its line breaks, and still refuses other control characters', () => {
    expect(normaliseText('First line\nSecond line', { max: 500, multiline: true })).toEqual({
      ok: true,
      value: 'First line\nSecond line',
    });
    expect(normaliseText('Text\u0000', { max: 500, multiline: true })).toEqual({
      ok: false,
      reason: 'holds a control character; please type it again as plain text',
    });
  });

  it('a name inside a record names its field', () => {
    // Prepare
    const schema = z.strictObject({ child: z.strictObject({ name: personName }), socialWorker: person });
    // Act
    const issues = issuesOf(schema, {
      child: { name: '\u200B \u200B' },
      socialWorker: { name: 'Sam\u0000', email: 'sam@example.org' },
    });
    // Assess
    expect(issues).toEqual([
      {
        path: 'child.name',
        message: 'must have at least one visible character; spaces and invisible characters alone are not enough',
      },
      {
        path: 'socialWorker.name',
        message: 'must be one line of plain text, without control characters such as tabs or line breaks',
      },
    ]);
  });

  // The strings a keyboard, a paste or a broken system might send: any code unit (lone surrogates
  // included), weighted towards spaces, invisible and control characters.
  const awkward = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom(
        ' ',
        '\u00A0',
        '\u200B',
        '\u200D',
        '\u2060',
        '\uFEFF',
        '\u3164',
        '\u0301',
        '\t',
        '\n',
        '\u0007',
        '\uD800',
        '\uDC00',
        'a',
        'é',
        'e\u0301',
        '字',
        '🙂',
      ),
      maxLength: 40,
    }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );

  it('property: any string becomes a non-empty NFC trimmed one-line name with something visible, or is refused naming the field; nothing throws', () => {
    const schema = z.strictObject({ name: personName });
    fc.assert(
      fc.property(awkward, (value) => {
        // Act
        const parsed = schema.safeParse({ name: value });
        // Assess
        if (parsed.success) {
          const name = parsed.data.name;
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(120);
          expect(name).toBe(name.normalize('NFC'));
          expect(name).toBe(name.trim());
          expect(/\p{Cc}/u.test(name)).toBe(false);
          expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(name)).toBe(false);
          expect(/[^\p{White_Space}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\u3164]/u.test(name)).toBe(true);
        } else {
          expect(parsed.error.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.error.issues) {
            expect(issue.path).toEqual(['name']);
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: normalising is stable (a normalised text normalises to itself)', () => {
    fc.assert(
      fc.property(awkward, (value) => {
        const once = normaliseText(value, { max: 500, multiline: true });
        if (once.ok) expect(normaliseText(once.value, { max: 500, multiline: true })).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('a text schema refuses what is not a string, naming it', () => {
    expect(issuesOf(z.strictObject({ note: text({ max: 10 }) }), { note: 5 })).toEqual([
      { path: 'note', message: 'Invalid input: expected string, received number' },
    ]);
  });
});

describe('references and URNs', () => {
  it.each([
    [reference, 'RCC-30001', []],
    [reference, '  RP-27-000123 ', []],
    [reference, 'RCC 30001', [{ path: '', message: 'letters, digits, / and - only' }]],
    [
      reference,
      '',
      [
        { path: '', message: 'must not be empty' },
        { path: '', message: 'letters, digits, / and - only' },
      ],
    ],
    [urn, '100001', []],
    [urn, '10001', [{ path: '', message: 'must be a 6-digit URN' }]],
    [urn, '１００００１', [{ path: '', message: 'must be a 6-digit URN' }]],
  ] as const)('%#: %s', (schema, value, issues) => {
    expect(issuesOf(schema, value)).toEqual(issues);
  });
});

describe("otherNeedsItsText: a choice of 'other' needs its text", () => {
  const closure = z
    .strictObject({ reason: z.enum(['moved', 'other']), reasonText: z.optional(z.string()) })
    .check(z.superRefine(otherNeedsItsText('reason', 'reasonText')));
  const basis = z
    .strictObject({ legalBasis: z.enum(['s20', 'other']), legalBasisOther: z.optional(z.string()) })
    .check(z.superRefine(otherNeedsItsText('legalBasis', 'legalBasisOther', { onlyWithOther: true })));

  it.each([
    ["'other' with its text", closure, { reason: 'other', reasonText: 'Moved abroad' }, []],
    [
      "'other' without it",
      closure,
      { reason: 'other' },
      [{ path: 'reasonText', message: "is required when reason is 'other'" }],
    ],
    [
      "'other' with empty text",
      closure,
      { reason: 'other', reasonText: '' },
      [{ path: 'reasonText', message: "is required when reason is 'other'" }],
    ],
    ['another choice, without text', closure, { reason: 'moved' }, []],
    ['another choice, with text (allowed unless onlyWithOther)', closure, { reason: 'moved', reasonText: 'x' }, []],
    [
      'onlyWithOther: another choice with text',
      basis,
      { legalBasis: 's20', legalBasisOther: 'x' },
      [{ path: 'legalBasisOther', message: "is only for legalBasis 'other'" }],
    ],
    [
      "onlyWithOther: 'other' without text",
      basis,
      { legalBasis: 'other' },
      [{ path: 'legalBasisOther', message: "is required when legalBasis is 'other'" }],
    ],
  ] as const)('%s', (_what, schema, value, issues) => {
    // Act / Assess
    expect(issuesOf(schema, value)).toEqual(issues);
  });
});
